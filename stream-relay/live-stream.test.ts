// The fan-out on a real MPEG-TS made by ffmpeg from a fixture clip: frames and keyframes found, a new sink
// starts at PAT/PMT and a keyframe, a sink over its backlog cap skips to the next keyframe.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureClips } from '../fixtures/media/clips';
import { ffmpegPath } from './ffmpeg';
import { LiveStream, type LiveSink } from './live-stream';
import { inspectTs } from './testing/ts-inspect';
import { TsPacketAligner } from './ts-packets';

let ts: Buffer;

beforeAll(async () => {
  const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
  // Four seconds of the pattern clip (a keyframe a second), as the relay's ffmpeg writes it to stdout.
  const result = spawnSync(
    ffmpegPath(),
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'h264',
      '-framerate',
      '25',
      '-i',
      clips.pattern,
      '-t',
      '4',
      '-c',
      'copy',
      '-f',
      'mpegts',
      'pipe:1',
    ],
    { maxBuffer: 64 << 20 },
  );
  ts = result.stdout;
});

/** Feeds the stream in chunks of uneven sizes, as pipes deliver it. */
function feed(stream: LiveStream, data: Buffer, onChunk?: () => void): number {
  let frames = 0;
  const sizes = [65536, 1000, 187, 5000, 30000];
  for (let offset = 0, index = 0; offset < data.length; index += 1) {
    const size = sizes[index % sizes.length]!;
    frames += stream.push(data.subarray(offset, offset + size));
    offset += size;
    onChunk?.();
  }
  return frames;
}

class CollectingSink implements LiveSink {
  readonly received: Buffer[] = [];
  backlog = 0;
  backlogBytes() {
    return this.backlog;
  }
  send(data: Buffer) {
    this.received.push(data);
  }
}

describe('live stream fan-out', () => {
  it('counts every frame across chunk boundaries', () => {
    const stream = new LiveStream({ maxBacklogBytes: 1 << 20, maxGopBytes: 8 << 20 });
    expect(feed(stream, ts)).toBe(100);
    expect(stream.videoStreamType).toBe(0x1b);
  });

  it('starts a sink that joins mid-stream with PAT, PMT and the cached keyframe', () => {
    const stream = new LiveStream({ maxBacklogBytes: 1 << 20, maxGopBytes: 8 << 20 });
    stream.push(ts.subarray(0, 188 * 3000));
    const sink = new CollectingSink();
    stream.addSink(sink);
    stream.push(ts.subarray(188 * 3000));
    const summary = inspectTs(Buffer.concat(sink.received));
    expect(summary.firstPids.slice(0, 2)).toEqual([0, 0x1000]);
    expect(summary.startsWithKeyframe).toBe(true);
    expect(summary.nalTypes.has(5)).toBe(true);
  });

  it('skips a sink over its backlog cap to the next keyframe, and resumes it there', () => {
    const stream = new LiveStream({ maxBacklogBytes: 100_000, maxGopBytes: 8 << 20 });
    const slow = new CollectingSink();
    const fast = new CollectingSink();
    stream.addSink(slow);
    stream.addSink(fast);
    let chunks = 0;
    let receivedBeforeDrain = 0;
    feed(stream, ts, () => {
      chunks += 1;
      // The slow sink's backlog climbs past the cap for a while, then drains at once.
      slow.backlog = chunks > 10 && chunks < 20 ? 200_000 : 0;
      if (chunks === 20) receivedBeforeDrain = slow.received.length;
    });
    expect(stream.drops).toBe(1);
    const bytes = (sink: CollectingSink) => sink.received.reduce((sum, chunk) => sum + chunk.length, 0);
    expect(bytes(slow)).toBeLessThan(bytes(fast));
    // After draining, the slow sink resumes with the tables and a keyframe.
    const resumed = inspectTs(Buffer.concat(slow.received.slice(receivedBeforeDrain)));
    expect(resumed.firstPids.slice(0, 2)).toEqual([0, 0x1000]);
    expect(resumed.startsWithKeyframe).toBe(true);
    expect(inspectTs(Buffer.concat(fast.received)).frames).toBe(100);
  });

  it('aligns packets and resynchronises after garbage', () => {
    const aligner = new TsPacketAligner();
    const garbage = Buffer.from([1, 2, 3]);
    const out = Buffer.concat([aligner.push(Buffer.concat([garbage, ts.subarray(0, 500)])), aligner.push(ts.subarray(500, 188 * 10))]);
    expect(out.equals(ts.subarray(0, 188 * 10))).toBe(true);
  });
});
