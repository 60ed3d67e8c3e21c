// The thresholds against every keyframe of the fixture clips, decoded as the relay decodes them.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureClips, type ClipName, type ClipProfile } from '../fixtures/media/clips';
import { judgePicture, measurePicture, type PictureVerdict } from './picture-health';
import { keyframeJpegs } from './testing/keyframe-jpegs';

const EXPECTED: Record<ClipName, PictureVerdict> = {
  pattern: 'online',
  noise: 'online',
  people: 'online',
  substream: 'online',
  covered: 'covered',
  blurred: 'blurred',
  still: 'online',
};

// The demo's clips, at a fifth of the bitrate, must be judged the same: a demo camera is not "blurred".
const CASES = (['camera', 'demo'] as const).flatMap((profile) =>
  Object.entries(EXPECTED).map(([name, verdict]) => [name, profile, verdict] as [string, ClipProfile, PictureVerdict]),
);

describe('picture health', () => {
  it.each(CASES)('judges every keyframe of the %s clip (%s profile) %s', async (name, profile, verdict) => {
    const clips = await ensureClips(path.join(os.tmpdir(), 'canteen-command-clips'), profile);
    const jpegs = keyframeJpegs(clips[name as ClipName]);
    expect(jpegs.length).toBe(10);
    for (const jpeg of jpegs) expect(judgePicture(await measurePicture(jpeg))).toBe(verdict);
  });
});
