import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../rules/catalogue';
import { COCO_LABELS } from './coco-labels';
import { labelNameZh, LABEL_NAMES_ZH } from './label-names';

const HAN = /^[\u4e00-\u9fff]+$/;

describe('Chinese names of detector labels', () => {
  it('names every COCO class, every default model label and every label a category waits for, in Chinese only', () => {
    const categoryLabels = CATALOGUE.flatMap((category) =>
      category.source === 'detector' ? [...category.labels.all, ...category.labels.any] : [],
    );
    const modelLabels = ['face']; // BlazeFace's one label (default-models.ts); the COCO detectors emit COCO_LABELS
    for (const label of [...COCO_LABELS, ...categoryLabels, ...modelLabels]) expect(LABEL_NAMES_ZH[label], label).toMatch(HAN);
  });

  it('gives the names users read, and a label it does not know as it is', () => {
    expect(['dog', 'cat', 'cell phone', 'person', 'face', 'mouse'].map(labelNameZh)).toEqual(['狗', '猫', '手机', '人员', '人脸', '鼠标']);
    expect(labelNameZh('apron_stain')).toBe('apron_stain');
    expect(labelNameZh('constructor')).toBe('constructor');
  });
});
