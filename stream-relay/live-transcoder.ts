// A live format made from the camera's own live MPEG-TS (MPEG-1 for jsmpeg, H.264 from an H.265 camera for
// browsers that cannot play H.265): a second ffmpeg reads it on stdin (a sink of the camera's stream, skipped
// to keyframes like any slow viewer) and its output is a live stream of its own. It runs only while someone
// watches in its format; if it dies it is restarted with backoff.
import type { ChildProcess } from 'node:child_process';
import { Backoff } from './backoff';
import { spawnBound, terminate } from './child-process';
import { transcoderArgs, type TranscodedFormat } from './ffmpeg';
import { LiveStream, type LiveSink } from './live-stream';
import type { Logger } from './logger';

export interface LiveTranscoderOptions {
  cameraId: string;
  format: TranscodedFormat;
  ffmpegPath: string;
  source: LiveStream;
  maxBacklogBytes: number;
  maxGopBytes: number;
  log: Logger;
}

export class LiveTranscoder {
  readonly output: LiveStream;
  private readonly backoff = new Backoff(500, 5_000);
  private child: ChildProcess | null = null;
  private sink: LiveSink | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: LiveTranscoderOptions) {
    this.output = new LiveStream({ maxBacklogBytes: options.maxBacklogBytes, maxGopBytes: options.maxGopBytes });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    const { cameraId, format, ffmpegPath, source, log } = this.options;
    if (this.stopped) return;
    let child: ChildProcess;
    try {
      child = spawnBound(ffmpegPath, transcoderArgs(format), { stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      log.error({ err: error, cameraId, format }, 'cannot start the transcoder');
      this.scheduleRestart();
      return;
    }
    this.child = child;
    this.output.discontinuity();
    const [stdin, stdout, stderr] = [child.stdin!, child.stdout!, child.stderr!];
    let stderrTail = '';
    for (const stream of [stdin, stdout, stderr]) stream.on('error', (error) => log.debug({ err: error, cameraId }, 'transcoder pipe'));
    stdout.on('data', (chunk: Buffer) => this.output.push(chunk));
    stderr.setEncoding('utf8');
    stderr.on('data', (text: string) => (stderrTail = (stderrTail + text).slice(-500)));
    const sink: LiveSink = {
      backlogBytes: () => stdin.writableLength,
      send: (data) => {
        if (!stdin.destroyed && stdin.writable) stdin.write(data);
      },
    };
    this.sink = sink;
    source.addSink(sink);
    let ended = false;
    const onEnd = (why: string) => {
      if (ended) return;
      ended = true;
      source.removeSink(sink);
      if (this.child === child) this.child = null;
      if (this.stopped) return;
      log.warn({ cameraId, format, why, stderr: stderrTail.trim() }, 'transcoder ended; restarting');
      this.scheduleRestart();
    };
    child.on('error', (error) => onEnd(error.message));
    child.on('close', (code, signal) => onEnd(`exited (${signal ?? code})`));
    log.info({ cameraId, format, pid: child.pid }, 'transcoder started');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.sink) this.options.source.removeSink(this.sink);
    const child = this.child;
    if (!child) return;
    // Closing stdin lets ffmpeg end by itself; the signals are the fallback.
    child.stdin?.end();
    await terminate(child, 1_000);
    this.options.log.info({ cameraId: this.options.cameraId, format: this.options.format }, 'transcoder stopped');
  }

  private scheduleRestart(): void {
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start();
    }, this.backoff.next());
  }
}
