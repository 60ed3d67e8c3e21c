// `npm run detect -- <image>` prints one JSON line per detection, in image pixels.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { iou } from './nms';
import { ensureTestModels, TEST_DATA_DIR } from '../models/test-models';
import type { Box } from './types';

const ROOT = path.join(import.meta.dirname, '../..');

async function detect(...args: string[]): Promise<{ label: string; score: number; box: Box }[]> {
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'detect', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: TEST_DATA_DIR },
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { label: string; score: number; box: Box });
}

describe('npm run detect', () => {
  beforeAll(async () => {
    await ensureTestModels();
  });

  it('prints JSON lines with the person in person.jpg', async () => {
    const detections = await detect('fixtures/media/photos/person.jpg');
    const person = detections.find((detection) => detection.label === 'person');
    expect(person).toBeDefined();
    expect(person!.score).toBeGreaterThan(0.5);
    expect(iou(person!.box, [190, 99, 275, 376])).toBeGreaterThanOrEqual(0.5);
    expect(person!.box.every(Number.isInteger)).toBe(true);
  });

  it('runs the model named with --model', async () => {
    const detections = await detect('fixtures/media/photos/astronaut.jpg', '--model', 'blazeface');
    expect(detections.map((detection) => detection.label)).toEqual(['face']);
  });

  it('fails with a message for a missing image', async () => {
    await expect(detect('fixtures/media/photos/nope.jpg')).rejects.toMatchObject({ stderr: expect.stringContaining('nope.jpg') });
  });
});
