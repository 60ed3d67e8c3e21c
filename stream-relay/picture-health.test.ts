// The thresholds against every keyframe of the fixture clips, decoded as the relay decodes them.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureClips, type ClipName } from '../fixtures/media/clips';
import { ffmpegPath } from './ffmpeg';
import { JpegSplitter } from './jpeg-splitter';
import { judgePicture, measurePicture, type PictureVerdict } from './picture-health';

const EXPECTED: Record<ClipName, PictureVerdict> = {
  pattern: 'online',
  noise: 'online',
  people: 'online',
  substream: 'online',
  covered: 'covered',
  blurred: 'blurred',
};

describe('picture health', () => {
  it.each(Object.entries(EXPECTED))('judges every keyframe of the %s clip %s', async (name, verdict) => {
    const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'));
    const result = spawnSync(
      ffmpegPath(),
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-skip_frame',
        'nokey',
        '-f',
        'h264',
        '-i',
        clips[name as ClipName],
        '-vsync',
        'passthrough',
        '-c:v',
        'mjpeg',
        '-q:v',
        '4',
        '-f',
        'image2pipe',
        'pipe:1',
      ],
      { maxBuffer: 64 << 20 },
    );
    const jpegs = new JpegSplitter().push(result.stdout);
    expect(jpegs.length).toBe(10);
    for (const jpeg of jpegs) expect(judgePicture(await measurePicture(jpeg))).toBe(verdict);
  });
});
