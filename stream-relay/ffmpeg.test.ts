import { describe, expect, it } from 'vitest';
import { cameraInputArgs, cameraPipelineArgs, detectFfmpegMajor, ffmpegPath, parseFfmpegMajor } from './ffmpeg';

describe('ffmpeg', () => {
  it('tells the release of a numbered build and of a git snapshot build', async () => {
    expect(parseFfmpegMajor('ffmpeg version 6.1.1-3ubuntu5 Copyright')).toBe(6);
    expect(parseFfmpegMajor('ffmpeg version n5.1.4 Copyright')).toBe(5);
    expect(
      parseFfmpegMajor('ffmpeg version N-47683-g0e8eb07980-static\nlibavutil      56. 24.101\nlibavformat    58. 24.100 / 58. 24.100'),
    ).toBe(4);
    expect(await detectFfmpegMajor(ffmpegPath())).toBe(4);
    expect(await detectFfmpegMajor('/nonexistent/ffmpeg')).toBeNull();
  });

  it('names the RTSP socket timeout as each release does, and only for RTSP', () => {
    expect(cameraInputArgs('rtsp://cam/1', 4, 10)).toEqual(['-rtsp_transport', 'tcp', '-stimeout', '10000000']);
    expect(cameraInputArgs('rtsp://cam/1', 6, 10)).toEqual(['-rtsp_transport', 'tcp', '-timeout', '10000000']);
    expect(cameraInputArgs('/tmp/clip.ts', 4, 10)).toEqual([]);
  });

  it('puts the options before the input and the three outputs after it', () => {
    const args = cameraPipelineArgs({
      url: 'rtsp://cam/1',
      codec: 'h264',
      ffmpegMajor: 4,
      socketTimeoutSeconds: 10,
      recordingPattern: '/data/recordings/x/%Y-%m-%d/%s.ts',
      segmentSeconds: 60,
      recordingTsOffsetSeconds: 3600,
      liveTsOffsetSeconds: 0,
    });
    const input = args.indexOf('-i');
    expect(args.indexOf('-rtsp_transport')).toBeLessThan(input);
    expect(args.indexOf('-skip_frame')).toBeLessThan(input);
    expect(args.slice(input + 1)).toEqual(expect.arrayContaining(['-segment_atclocktime', '-reset_timestamps', 'pipe:1', 'pipe:3']));
    expect(args[args.indexOf('-reset_timestamps') + 1]).toBe('0');
  });
});
