import { describe, expect, it } from 'vitest';
import { COCO_LABELS } from '../models/coco-labels';
import { CATALOGUE, DETECTOR_CATEGORIES, isLive, liveCategories } from './catalogue';
import { defaultRules } from './defaults';
import { CameraRuleEngine, labelsNeeded, overlapsPerson, type TrackedObject } from './engine';
import { CameraRules, type CameraRulesInput } from './schema';

const CAMERA = '0190e0f2-0000-7000-8000-000000000001';
const NIGHT = new Date('2026-11-23T23:00:00+08:00').getTime(); // after hours by the default schedule
const NOON = new Date('2026-11-23T12:00:00+08:00').getTime();
const frame = (at: number) => ({ at, width: 1000, height: 1000 });

const rules = (input: Partial<CameraRulesInput> & Pick<CameraRulesInput, 'rules'>) =>
  CameraRules.parse({ schedule: { workingHours: [{ start: '05:30', end: '20:00' }] }, ...input });

const track = (id: number, label: string, box: [number, number, number, number], extra: Partial<TrackedObject> = {}): TrackedObject => ({
  id,
  label,
  score: 0.8,
  box,
  firstSeenAt: 0,
  lastSeenAt: 0,
  hits: 1,
  misses: 0,
  ...extra,
});

describe('the violation catalogue', () => {
  it('makes the person, phone, animal and crowd categories live with COCO, and not the custom-model ones', () => {
    expect(liveCategories(COCO_LABELS).sort()).toEqual(['after_hours_person', 'animal', 'crowding', 'intrusion', 'phone_use']);
    expect(isLive(DETECTOR_CATEGORIES.rodent, COCO_LABELS)).toBe(false); // COCO's mouse is a computer mouse
    expect(isLive(DETECTOR_CATEGORIES.no_mask, COCO_LABELS)).toBe(false);
    expect(isLive(DETECTOR_CATEGORIES.no_mask, ['person', 'mask', 'no_mask'])).toBe(true);
    expect(isLive(DETECTOR_CATEGORIES.rodent, ['rat'])).toBe(true);
    expect(isLive(DETECTOR_CATEGORIES.phone_use, ['person'])).toBe(false);
  });

  it('lists camera faults as relay categories', () => {
    const faults = CATALOGUE.filter((category) => category.source === 'relay').map((category) => category.code);
    expect(faults).toEqual(['camera_offline', 'camera_frozen', 'camera_blurred', 'camera_covered']);
  });

  it('gives every camera area defaults: after hours everywhere, phone use and animals in the kitchen', () => {
    for (const area of ['storage', 'prep', 'cooking', 'washing', 'serving'] as const) {
      const categories = defaultRules(area).rules.map((rule) => rule.category);
      expect(categories).toContain('after_hours_person');
      expect(categories).toContain('animal');
    }
    expect(defaultRules('cooking').rules.map((rule) => rule.category)).toContain('phone_use');
    expect(defaultRules('prep').schedule.workingHours).toEqual([{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '20:00' }]);
    // The detector is asked only for the labels a camera's live rules need.
    expect(labelsNeeded(defaultRules('cooking'), COCO_LABELS)).toEqual(['cat', 'cell phone', 'dog', 'person']);
    expect(labelsNeeded(defaultRules('storage'), COCO_LABELS)).toEqual(['cat', 'dog', 'person']);
  });

  it('refuses rules that name a missing zone or repeat a category', () => {
    const base = { schedule: { workingHours: [] } };
    expect(CameraRules.safeParse({ ...base, rules: [{ category: 'intrusion', zones: ['store'] }] }).success).toBe(false);
    expect(CameraRules.safeParse({ ...base, rules: [{ category: 'animal' }, { category: 'animal' }] }).success).toBe(false);
    expect(CameraRules.safeParse({ ...base, rules: [{ category: 'smoking', minScore: 2 }] }).success).toBe(false);
    expect(
      CameraRules.safeParse({ ...base, zones: [{ id: 'a', polygon: [[0, 0], [1, 0], [1.5, 1]] }], rules: [] }).success, // prettier-ignore
    ).toBe(false);
  });
});

describe('rules: dwell, cooldown, episodes', () => {
  it('fires a person after hours only after the dwell time, then again only after the cooldown', () => {
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({ rules: [{ category: 'after_hours_person', dwellSeconds: 3, cooldownSeconds: 10 }] }),
      COCO_LABELS,
    );
    const person = (at: number) => [track(1, 'person', [100, 100, 200, 500], { lastSeenAt: at })];
    expect(engine.evaluate(frame(NIGHT), person(NIGHT))).toEqual([]);
    expect(engine.evaluate(frame(NIGHT + 2000), person(NIGHT + 2000))).toEqual([]);
    const [first] = engine.evaluate(frame(NIGHT + 3000), person(NIGHT + 3000));
    expect(first).toMatchObject({
      category: 'after_hours_person',
      trackId: 1,
      episodeStart: NIGHT,
      sequence: 1,
      confidence: 0.8,
      idempotencyKey: `ai:${CAMERA}:after_hours_person:t1:${NIGHT}:1`,
      boxes: [{ label: 'person', score: 0.8, box: [100, 100, 200, 500], trackId: 1 }],
    });
    expect(first!.summary).toContain('非工作时间人员进入');
    // Within the cooldown: nothing; after it: a repeat of the same episode, with its own key.
    expect(engine.evaluate(frame(NIGHT + 9000), person(NIGHT + 9000))).toEqual([]);
    const [repeat] = engine.evaluate(frame(NIGHT + 13_000), person(NIGHT + 13_000));
    expect(repeat).toMatchObject({ episodeStart: NIGHT, sequence: 2, idempotencyKey: `ai:${CAMERA}:after_hours_person:t1:${NIGHT}:2` });
  });

  it('does not fire after hours rules during working hours, and working-hours rules not at night', () => {
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({
        rules: [
          { category: 'after_hours_person', dwellSeconds: 0 },
          { category: 'phone_use', dwellSeconds: 0 },
        ],
      }),
      COCO_LABELS,
    );
    const scene = [track(1, 'person', [100, 100, 300, 600]), track(2, 'cell phone', [180, 300, 220, 340])];
    expect(engine.evaluate(frame(NOON), scene).map((firing) => firing.category)).toEqual(['phone_use']);
    expect(engine.evaluate(frame(NIGHT), scene).map((firing) => firing.category)).toEqual(['after_hours_person']);
  });

  it('restarts the dwell when the subject leaves the zone or its track is lost, but not for a missed frame', () => {
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({
        zones: [{ id: 'store', kind: 'restricted', polygon: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] }], // prettier-ignore
        rules: [{ category: 'intrusion', dwellSeconds: 5, cooldownSeconds: 0 }],
      }),
      COCO_LABELS,
    );
    const inside: [number, number, number, number] = [100, 100, 200, 500];
    const outside: [number, number, number, number] = [700, 100, 800, 500];
    expect(engine.evaluate(frame(NOON), [track(1, 'person', inside)])).toEqual([]);
    // Missed by the detector for one run: the episode goes on.
    expect(engine.evaluate(frame(NOON + 2000), [track(1, 'person', inside, { misses: 1 })])).toEqual([]);
    expect(engine.evaluate(frame(NOON + 5000), [track(1, 'person', inside)])).toHaveLength(1);
    // Seen outside the zone: the episode ends; back inside, the dwell starts again.
    expect(engine.evaluate(frame(NOON + 6000), [track(1, 'person', outside)])).toEqual([]);
    expect(engine.evaluate(frame(NOON + 7000), [track(1, 'person', inside)])).toEqual([]);
    expect(engine.evaluate(frame(NOON + 11_000), [track(1, 'person', inside)])).toEqual([]);
    const [again] = engine.evaluate(frame(NOON + 12_000), [track(1, 'person', inside)]);
    expect(again).toMatchObject({ episodeStart: NOON + 7000, sequence: 1 });
    // Track lost (gone from the tracker): a new track starts a new episode.
    expect(engine.evaluate(frame(NOON + 13_000), [])).toEqual([]);
    expect(engine.evaluate(frame(NOON + 14_000), [track(2, 'person', inside)])).toEqual([]);
  });

  it('keeps one cooldown per rule and camera whatever the track, and reports every ripe subject', () => {
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({ rules: [{ category: 'animal', dwellSeconds: 1, cooldownSeconds: 60 }] }),
      COCO_LABELS,
    );
    const dog = track(3, 'dog', [500, 600, 700, 800]);
    const cat = track(4, 'cat', [100, 600, 200, 700]);
    engine.evaluate(frame(NOON), [dog]);
    engine.evaluate(frame(NOON + 500), [dog, cat]);
    const [firing] = engine.evaluate(frame(NOON + 1500), [dog, cat]);
    expect(firing!.trackId).toBe(3); // the one that has violated longest
    expect(firing!.boxes.map((box) => box.label)).toEqual(['dog', 'cat']);
    // A new animal within the cooldown does not fire again.
    expect(engine.evaluate(frame(NOON + 30_000), [track(5, 'dog', [0, 0, 50, 50])])).toEqual([]);
  });

  it('needs the phone to lie on a person, and counts a crowd in its zone', () => {
    expect(overlapsPerson([180, 300, 220, 340], [100, 100, 300, 600])).toBe(true);
    expect(overlapsPerson([310, 300, 350, 340], [100, 100, 300, 600])).toBe(false);
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({
        rules: [
          { category: 'phone_use', dwellSeconds: 0 },
          { category: 'crowding', dwellSeconds: 0, minPersons: 3 },
        ],
      }),
      COCO_LABELS,
    );
    const loosePhone = [track(1, 'person', [100, 100, 300, 600]), track(2, 'cell phone', [600, 300, 640, 340])];
    expect(engine.evaluate(frame(NOON), loosePhone)).toEqual([]);
    const crowd = [1, 2, 3].map((id) => track(id, 'person', [id * 200, 100, id * 200 + 100, 500]));
    const [firing] = engine.evaluate(frame(NOON + 1000), crowd);
    expect(firing).toMatchObject({ category: 'crowding', trackId: 0 });
    expect(firing!.boxes).toHaveLength(3);
  });

  it('ignores detections under a mask and low-scoring ones', () => {
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({
        masks: [{ polygon: [[0, 0], [0.3, 0], [0.3, 1], [0, 1]] }], // prettier-ignore
        rules: [{ category: 'after_hours_person', dwellSeconds: 0, minScore: 0.6 }],
      }),
      COCO_LABELS,
    );
    expect(engine.evaluate(frame(NIGHT), [track(1, 'person', [50, 100, 150, 500])])).toEqual([]); // masked (a poster on the wall)
    expect(engine.evaluate(frame(NIGHT), [track(2, 'person', [500, 100, 600, 500], { score: 0.5 })])).toEqual([]);
    expect(engine.evaluate(frame(NIGHT), [track(3, 'person', [500, 100, 600, 500])])).toHaveLength(1);
  });

  it('runs no rule the model cannot decide, and keeps the cooldown across a rules update', () => {
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({
        rules: [
          { category: 'no_mask', dwellSeconds: 0 },
          { category: 'after_hours_person', dwellSeconds: 0, cooldownSeconds: 60 },
        ],
      }),
      COCO_LABELS,
    );
    expect(engine.categories).toEqual(['after_hours_person']);
    expect(engine.evaluate(frame(NIGHT), [track(1, 'person', [500, 100, 600, 500])])).toHaveLength(1);
    engine.update(rules({ rules: [{ category: 'after_hours_person', dwellSeconds: 0, cooldownSeconds: 60 }, { category: 'animal' }] }));
    expect(engine.categories).toEqual(['after_hours_person', 'animal']);
    expect(engine.evaluate(frame(NIGHT + 10_000), [track(1, 'person', [500, 100, 600, 500])])).toEqual([]);
  });
});

describe('the text of a firing', () => {
  it('names what was seen in Chinese, never by the English label the detector gave', () => {
    const engine = new CameraRuleEngine(
      CAMERA,
      rules({
        rules: [
          { category: 'animal', dwellSeconds: 2 },
          { category: 'phone_use', dwellSeconds: 0 },
        ],
      }),
      COCO_LABELS,
    );
    const scene = [
      track(1, 'person', [100, 100, 300, 600]),
      track(2, 'cell phone', [180, 300, 220, 340]),
      track(3, 'dog', [500, 600, 700, 800]),
    ];
    const firings = [...engine.evaluate(frame(NOON), scene), ...engine.evaluate(frame(NOON + 2000), scene)];
    const summary = (category: string) => firings.find((firing) => firing.category === category)?.summary;
    expect(summary('animal')).toBe('猫狗出没：检测到 狗 ×1，已持续 2 秒');
    expect(summary('phone_use')).toBe('玩手机：检测到 手机 ×1、人员 ×1，已持续 0 秒');
    for (const firing of firings) expect(firing.summary).not.toMatch(/[A-Za-z]/);
  });
});
