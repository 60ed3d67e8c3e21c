// One camera's live video pushed to the upper platform: a sink of the camera's MPEG-TS fan-out feeds an
// ffmpeg that only takes the video out of the transport stream (`-c copy -f h264|hevc`: no decoding, well
// under 1% of a core), the Annex-B bytes are cut into access units, each wrapped in a PS pack and sent as
// RTP to the address and SSRC of the upper platform's SDP. ffmpeg rather than our own PES parser: the TS
// the relay fans out comes from ffmpeg or a GB device, and ffmpeg's demuxer already copes with every
// PES/adaptation-field layout they produce. PTS comes from the wall clock at arrival (live video).
import type { ChildProcess } from 'node:child_process';
import { muxPs, packetizeRtp, RtpSender, splitAccessUnits, type VideoCodec } from '../../gb28181/media';
import { spawnBound, terminate } from '../child-process';
import type { LiveSink, LiveStream } from '../live-stream';
import type { Logger } from '../logger';
import type { CascadePush, PushTarget } from './upstream';

/** What a push needs of a camera: its live MPEG-TS, its codec, and (GB cameras) keeping it streaming. */
export interface CascadeSource {
  readonly id: string;
  readonly live: LiveStream;
  readonly codec: string;
  acquire?(purpose: 'cascade'): () => void;
}

/** Above this many bytes waiting for ffmpeg the sink is skipped to the next keyframe (the live fan-out's rule). */
const MAX_STDIN_BACKLOG = 4 << 20;
/** Annex-B bytes held while waiting for the next access unit to begin; more means garbage, dropped. */
const MAX_PENDING_BYTES = 8 << 20;

export async function startCascadePush(options: {
  source: CascadeSource;
  target: PushTarget;
  ffmpegPath: string;
  log: Logger;
}): Promise<CascadePush> {
  const { source, target, log } = options;
  const codec: VideoCodec = source.codec === 'h265' ? 'h265' : 'h264';
  const sender = await RtpSender.connect({ transport: target.transport, host: target.host, port: target.port });
  const release = source.acquire?.('cascade') ?? (() => undefined);
  const ffmpeg: ChildProcess = spawnBound(
    options.ffmpegPath,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'mpegts',
      '-i',
      'pipe:0',
      '-map',
      '0:v:0',
      '-c',
      'copy',
      '-f',
      codec === 'h265' ? 'hevc' : 'h264',
      'pipe:1',
    ],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const sink: LiveSink = {
    backlogBytes: () => ffmpeg.stdin?.writableLength ?? 0,
    send: (data) => {
      if ((ffmpeg.stdin?.writableLength ?? 0) < MAX_STDIN_BACKLOG) ffmpeg.stdin?.write(data);
    },
  };
  ffmpeg.stdin?.on('error', () => undefined);

  let pending: Buffer = Buffer.alloc(0);
  let sequence = Math.floor(Math.random() * 0xffff);
  const startedAt = Date.now();
  const sendUnit = (unit: { data: Buffer; keyframe: boolean }) => {
    const pts = (Date.now() - startedAt) * 90;
    const pack = muxPs({ codec, data: unit.data, keyframe: unit.keyframe, pts });
    const { packets, nextSequence } = packetizeRtp(pack, { ssrc: target.ssrc, sequence, timestamp: pts });
    sequence = nextSequence;
    for (const packet of packets) sender.send(packet);
  };
  ffmpeg.stdout?.on('data', (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    const units = splitAccessUnits(codec, pending);
    // The last unit may still be growing: it goes when the next one begins.
    for (const unit of units.slice(0, -1)) sendUnit(unit);
    const last = units.at(-1);
    pending = last ? Buffer.from(last.data) : Buffer.alloc(0);
    if (pending.length > MAX_PENDING_BYTES) pending = Buffer.alloc(0);
  });

  let stopped = false;
  let endedBy: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (endedBy = resolve));
  const stop = () => {
    if (stopped) return;
    stopped = true;
    source.live.removeSink(sink);
    sender.close();
    release();
    void terminate(ffmpeg).finally(endedBy);
  };
  ffmpeg.once('close', () => {
    if (!stopped) log.warn({ cameraId: source.id }, 'cascade push: ffmpeg ended');
    stop();
  });
  ffmpeg.once('error', (error) => {
    log.error({ cameraId: source.id, err: error.message }, 'cascade push: ffmpeg did not start');
    stop();
  });
  sender.once('closed', stop);
  sender.on('error', (error) => log.warn({ cameraId: source.id, err: error.message }, 'cascade push: sending failed'));
  source.live.addSink(sink);
  return { port: sender.port, stop, ended };
}
