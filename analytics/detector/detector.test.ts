// The default detectors on real photos, against boxes drawn by hand (fixtures/media/photos/annotations.json).
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import annotations from '../../fixtures/media/photos/annotations.json';
import { requireTestModel, TEST_MODELS_DIR } from '../models/test-models';
import { Detector } from './detector';
import { iou } from './nms';
import type { Box, Detection } from './types';

const PHOTOS = path.join(import.meta.dirname, '../../fixtures/media/photos');
type PhotoName = keyof typeof annotations.photos;

function known(photo: PhotoName, label: string): Box {
  const object = annotations.photos[photo].objects.find((candidate) => candidate.label === label);
  if (!object) throw new Error(`no ${label} annotated in ${photo}`);
  return object.box as Box;
}

// The best IoU of any detection with that label against the known box.
function bestMatch(detections: readonly Detection[], label: string, box: Box): number {
  return Math.max(0, ...detections.filter((detection) => detection.label === label).map((detection) => iou(detection.box, box)));
}

const photo = (name: PhotoName) => readFile(path.join(PHOTOS, name));

describe.each(['nanodet', 'centernet'])('%s on the test photos', (name) => {
  let detector: Detector;

  beforeAll(async () => {
    await requireTestModel(name);
    detector = await Detector.load(TEST_MODELS_DIR, name);
  });

  afterAll(async () => {
    await detector?.release();
  });

  it('finds the person and the dog in person.jpg where they are', async () => {
    const detections = await detector.detect(await photo('person.jpg'));
    expect(bestMatch(detections, 'person', known('person.jpg', 'person'))).toBeGreaterThanOrEqual(0.5);
    expect(bestMatch(detections, 'dog', known('person.jpg', 'dog'))).toBeGreaterThanOrEqual(0.5);
    expect(detections.filter((detection) => detection.label === 'person')).toHaveLength(1);
  });

  it('finds the dog in dog.jpg', async () => {
    const detections = await detector.detect(await photo('dog.jpg'));
    expect(bestMatch(detections, 'dog', known('dog.jpg', 'dog'))).toBeGreaterThanOrEqual(0.5);
    expect(bestMatch(detections, 'bicycle', known('dog.jpg', 'bicycle'))).toBeGreaterThanOrEqual(0.5);
  });

  it('sees the astronaut as a person', async () => {
    const detections = await detector.detect(await photo('astronaut.jpg'), { labels: ['person'] });
    expect(detections.map((detection) => detection.label)).toEqual(['person']);
    expect(bestMatch(detections, 'person', known('astronaut.jpg', 'person'))).toBeGreaterThanOrEqual(0.5);
  });

  it('gives the same detections for raw RGB pixels as for the JPEG', async () => {
    const { data, info } = await sharp(await photo('person.jpg'))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const fromRaw = await detector.detect({ data, width: info.width, height: info.height });
    const fromJpeg = await detector.detect(await photo('person.jpg'));
    expect(fromRaw).toEqual(fromJpeg);
  });

  it('serves concurrent callers, each with its own result', async () => {
    const [person, dog] = await Promise.all([photo('person.jpg'), photo('dog.jpg')]);
    const results = await Promise.all([detector.detect(person), detector.detect(dog), detector.detect(person)]);
    expect(results[2]).toEqual(results[0]);
    expect(bestMatch(results[1]!, 'dog', known('dog.jpg', 'dog'))).toBeGreaterThanOrEqual(0.5);
  });

  it('applies the threshold, label filter and count options', async () => {
    const image = await photo('person.jpg');
    const all = await detector.detect(image, { scoreThreshold: 0.05 });
    const strict = await detector.detect(image, { scoreThreshold: 0.6 });
    expect(all.length).toBeGreaterThan(strict.length);
    expect(strict.every((detection) => detection.score >= 0.6)).toBe(true);
    expect((await detector.detect(image, { scoreThreshold: 0.05, maxDetections: 2 })).length).toBe(2);
    expect((await detector.detect(image, { labels: ['dog', 'cat'] })).every((detection) => detection.label === 'dog')).toBe(true);
  });
});

describe('blazeface', () => {
  it('finds the astronaut’s face', async () => {
    await requireTestModel('blazeface');
    const detector = await Detector.load(TEST_MODELS_DIR, 'blazeface');
    try {
      const detections = await detector.detect(await photo('astronaut.jpg'));
      expect(detections).toHaveLength(1);
      expect(bestMatch(detections, 'face', known('astronaut.jpg', 'face'))).toBeGreaterThanOrEqual(0.5);
    } finally {
      await detector.release();
    }
  });
});

describe('Detector.load', () => {
  it('rejects a manifest naming outputs the model lacks', async () => {
    await requireTestModel('blazeface');
    const dir = await mkdtemp(path.join(TEST_MODELS_DIR, '..', 'broken-'));
    const manifest = JSON.parse(await readFile(path.join(TEST_MODELS_DIR, 'blazeface.manifest.json'), 'utf8')) as { outputs: string[] };
    await writeFile(path.join(dir, 'blazeface.manifest.json'), JSON.stringify({ ...manifest, outputs: [...manifest.outputs, 'nope'] }));
    await copyFile(path.join(TEST_MODELS_DIR, 'blazeface.onnx'), path.join(dir, 'blazeface.onnx'));
    try {
      await expect(Detector.load(dir, 'blazeface')).rejects.toThrow('the manifest names output nope, which the ONNX model does not have');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
