// Fan-out of one live MPEG-TS to its viewers (and to a transcoder). Every viewer shares the same buffers;
// a new one starts with the newest PAT/PMT and the cached group of pictures from the last keyframe, so its
// first frame shows at once. A viewer that falls behind (its unsent bytes above the cap) gets nothing more
// until the next keyframe, then resumes there: a slow or paused viewer costs at most the cap, never more.
import { TsPacketAligner, TsStreamInspector } from './ts-packets';

/** Something that takes the stream's bytes: a viewer's WebSocket, a transcoder's stdin. */
export interface LiveSink {
  /** Bytes handed over but not yet sent on (ws.bufferedAmount, stdin.writableLength). */
  backlogBytes(): number;
  send(data: Buffer): void;
}

interface SinkState {
  sink: LiveSink;
  waitingForKeyframe: boolean;
}

export interface LiveStreamOptions {
  /** Above this backlog a sink is skipped to the next keyframe. */
  maxBacklogBytes: number;
  /** A group of pictures larger than this (a camera sending no keyframes) is not cached. */
  maxGopBytes: number;
}

export class LiveStream {
  private readonly aligner = new TsPacketAligner();
  private readonly inspector = new TsStreamInspector();
  private readonly sinks = new Map<LiveSink, SinkState>();
  private gop: Buffer[] | null = null;
  private gopBytes = 0;
  /** Times a sink was skipped to the next keyframe. */
  drops = 0;
  /** The largest backlog any sink had right after a send. */
  peakBacklogBytes = 0;

  constructor(private readonly options: LiveStreamOptions) {}

  get sinkCount(): number {
    return this.sinks.size;
  }

  /** Stream type of the video (0x1b H.264, 0x02 MPEG-2/1 video…), or -1 before the first PMT. */
  get videoStreamType(): number {
    return this.inspector.videoStreamType;
  }

  /** The largest backlog among the current sinks. */
  largestBacklogBytes(): number {
    let largest = 0;
    for (const { sink } of this.sinks.values()) largest = Math.max(largest, sink.backlogBytes());
    return largest;
  }

  /** Takes a chunk of the stream as it comes; returns how many video frames began in it. */
  push(chunk: Buffer): number {
    const packets = this.aligner.push(chunk);
    if (packets.length === 0) return 0;
    const { frames, keyframeOffset } = this.inspector.inspect(packets);
    this.remember(packets, keyframeOffset);
    for (const state of this.sinks.values()) this.deliver(state, packets, keyframeOffset);
    return frames;
  }

  /** The producer restarted: forget the old tables and pictures; sinks carry on with the new stream. */
  discontinuity(): void {
    this.aligner.reset();
    this.inspector.reset();
    this.gop = null;
    this.gopBytes = 0;
  }

  addSink(sink: LiveSink): void {
    const state: SinkState = { sink, waitingForKeyframe: true };
    this.sinks.set(sink, state);
    if (!this.gop) return;
    const [first, ...rest] = this.gop;
    if (!first) return;
    state.waitingForKeyframe = false;
    for (const packets of [this.withTables(first), ...rest]) {
      if (!this.sendWithinCap(state, packets)) return;
    }
  }

  removeSink(sink: LiveSink): void {
    this.sinks.delete(sink);
  }

  private remember(packets: Buffer, keyframeOffset: number): void {
    if (keyframeOffset >= 0) {
      this.gop = [packets.subarray(keyframeOffset)];
      this.gopBytes = packets.length - keyframeOffset;
      return;
    }
    if (!this.gop) return;
    if (this.gopBytes + packets.length > this.options.maxGopBytes) {
      this.gop = null;
      this.gopBytes = 0;
      return;
    }
    this.gop.push(packets);
    this.gopBytes += packets.length;
  }

  private deliver(state: SinkState, packets: Buffer, keyframeOffset: number): void {
    if (!state.waitingForKeyframe) {
      this.sendWithinCap(state, packets);
      return;
    }
    // Resume only once the backlog has drained well below the cap, so a sink does not flap at the edge.
    if (keyframeOffset < 0 || state.sink.backlogBytes() > this.options.maxBacklogBytes / 2) return;
    state.waitingForKeyframe = false;
    this.sendWithinCap(state, this.withTables(packets.subarray(keyframeOffset)));
  }

  /** Sends unless the sink's backlog is over the cap, in which case it waits for the next keyframe. */
  private sendWithinCap(state: SinkState, packets: Buffer): boolean {
    if (state.sink.backlogBytes() > this.options.maxBacklogBytes) {
      state.waitingForKeyframe = true;
      this.drops += 1;
      return false;
    }
    state.sink.send(packets);
    this.peakBacklogBytes = Math.max(this.peakBacklogBytes, state.sink.backlogBytes());
    return true;
  }

  private withTables(packets: Buffer): Buffer {
    const tables = [this.inspector.pat, this.inspector.pmt].filter((table): table is Buffer => table !== null);
    return tables.length > 0 ? Buffer.concat([...tables, packets]) : packets;
  }
}
