// The violation catalogue: every category the 明厨亮灶 platforms capture on a kitchen camera, what the detector
// must be able to see for it (its labels), how a rule decides it (who the subject is, when it applies) and the
// defaults a rule starts from. A category is live for a model when the model has the labels it needs, so the
// same worker lights up more categories the day a custom kitchen model (masks, chef hats, work clothes,
// cigarettes, rats, bins) replaces the COCO detector, with no change here.
//
// Decisions worth knowing:
// - animal (猫狗出没) is cats and dogs only. COCO also has bird, horse, sheep, cow, elephant, bear, zebra and
//   giraffe: none of those walks into a school kitchen, and on kitchen scenes they are mostly false positives
//   (a white apron read as a sheep), so they are left out. Birds are left out too: a sparrow in a storeroom is
//   a pest, but COCO's bird class fires on hanging utensils; a custom model that names `bird` reliably can be
//   added by extending `labels.any` here.
// - rodent (老鼠出没) needs a `rat` or `rodent` class. COCO's `mouse` is a computer mouse, so a COCO model is never
//   live for it; a custom model must not call its rat class `mouse`.
// - no_mask, no_chef_hat and no_work_clothes need a custom model that detects the violation itself (a class
//   `no_mask` etc., as kitchen datasets label them), not a person without something.
// - phone_use needs `person` and `cell phone` (COCO has both); the phone must lie on the person.
// - after_hours_person and intrusion both need `person`: the first anywhere on the camera outside its working
//   hours, the second in a restricted zone at any time (an unknown person; no face recognition is done).
// - Camera faults (offline, frozen, blurred, covered) come from the stream relay's health checks, not from the
//   detector: they are listed with source `relay` and are live whenever a relay pulls the camera.

/** When a rule applies, in the camera's schedule (Asia/Shanghai). */
export type RuleWhen = 'always' | 'working_hours' | 'after_hours';

/**
 * How a rule finds its subject in the tracked detections:
 * - `object`: each track with one of the labels (a person after hours, a dog, a `no_mask` box);
 * - `pair`: a track of the first `all` label other than person (the phone) lying on a person track;
 * - `crowd`: the number of person tracks in the zone at once.
 */
export type SubjectKind = 'object' | 'pair' | 'crowd';

export interface DetectorCategory {
  readonly code: DetectorCategoryCode;
  readonly zh: string;
  readonly en: string;
  readonly source: 'detector';
  /** Labels the model must have: every one of `all` and at least one of `any` (when `any` is not empty). */
  readonly labels: { readonly all: readonly string[]; readonly any: readonly string[] };
  readonly subject: SubjectKind;
  /** The rule's defaults; a camera's rule may change every one of them except `fixedWhen`. */
  readonly defaults: {
    readonly when: RuleWhen;
    readonly dwellSeconds: number;
    readonly cooldownSeconds: number;
    readonly minScore: number;
    readonly minPersons?: number;
  };
  /** Categories whose `when` cannot be changed (after_hours_person is after hours by definition). */
  readonly fixedWhen?: RuleWhen;
  /** Which zone kinds the rule watches when the camera's rule names no zones: all zones, or restricted ones. */
  readonly defaultZones: 'all' | 'restricted';
  readonly note: string;
}

export interface RelayCategory {
  readonly code: RelayCategoryCode;
  readonly zh: string;
  readonly en: string;
  readonly source: 'relay';
  readonly note: string;
}

export const DETECTOR_CATEGORY_CODES = [
  'no_mask',
  'no_chef_hat',
  'no_work_clothes',
  'smoking',
  'phone_use',
  'rodent',
  'animal',
  'uncovered_bin',
  'after_hours_person',
  'intrusion',
  'crowding',
] as const;
export type DetectorCategoryCode = (typeof DETECTOR_CATEGORY_CODES)[number];

export const RELAY_CATEGORY_CODES = ['camera_offline', 'camera_frozen', 'camera_blurred', 'camera_covered'] as const;
export type RelayCategoryCode = (typeof RELAY_CATEGORY_CODES)[number];

const person = { all: ['person'], any: [] } as const;

export const DETECTOR_CATEGORIES: Readonly<Record<DetectorCategoryCode, DetectorCategory>> = {
  no_mask: {
    code: 'no_mask',
    zh: '未戴口罩',
    en: 'No mask',
    source: 'detector',
    labels: { all: [], any: ['no_mask'] },
    subject: 'object',
    defaults: { when: 'working_hours', dwellSeconds: 5, cooldownSeconds: 600, minScore: 0.5 },
    defaultZones: 'all',
    note: 'Needs a custom kitchen model with a no_mask class (usually trained beside mask).',
  },
  no_chef_hat: {
    code: 'no_chef_hat',
    zh: '未戴厨师帽',
    en: 'No chef hat',
    source: 'detector',
    labels: { all: [], any: ['no_chef_hat', 'no_hat'] },
    subject: 'object',
    defaults: { when: 'working_hours', dwellSeconds: 5, cooldownSeconds: 600, minScore: 0.5 },
    defaultZones: 'all',
    note: 'Needs a custom kitchen model with a no_chef_hat (or no_hat) class.',
  },
  no_work_clothes: {
    code: 'no_work_clothes',
    zh: '未穿工作服',
    en: 'No work clothes',
    source: 'detector',
    labels: { all: [], any: ['no_work_clothes'] },
    subject: 'object',
    defaults: { when: 'working_hours', dwellSeconds: 5, cooldownSeconds: 600, minScore: 0.5 },
    defaultZones: 'all',
    note: 'Needs a custom kitchen model with a no_work_clothes class.',
  },
  smoking: {
    code: 'smoking',
    zh: '吸烟',
    en: 'Smoking',
    source: 'detector',
    labels: { all: [], any: ['cigarette', 'smoking'] },
    subject: 'object',
    defaults: { when: 'always', dwellSeconds: 2, cooldownSeconds: 600, minScore: 0.5 },
    defaultZones: 'all',
    note: 'Needs a custom model with a cigarette or smoking class; COCO has neither.',
  },
  phone_use: {
    code: 'phone_use',
    zh: '玩手机',
    en: 'Phone use',
    source: 'detector',
    labels: { all: ['person', 'cell phone'], any: [] },
    subject: 'pair',
    defaults: { when: 'working_hours', dwellSeconds: 10, cooldownSeconds: 600, minScore: 0.35 },
    defaultZones: 'all',
    note: 'A cell phone lying on a person (its centre inside the person, or half of it overlapping) for the dwell time.',
  },
  rodent: {
    code: 'rodent',
    zh: '老鼠出没',
    en: 'Rodent',
    source: 'detector',
    labels: { all: [], any: ['rat', 'rodent'] },
    subject: 'object',
    defaults: { when: 'always', dwellSeconds: 1, cooldownSeconds: 600, minScore: 0.4 },
    defaultZones: 'all',
    note: "Needs a custom model with a rat or rodent class: COCO's mouse is a computer mouse and never counts.",
  },
  animal: {
    code: 'animal',
    zh: '猫狗出没',
    en: 'Cat or dog in kitchen',
    source: 'detector',
    labels: { all: [], any: ['cat', 'dog'] },
    subject: 'object',
    defaults: { when: 'always', dwellSeconds: 2, cooldownSeconds: 600, minScore: 0.4 },
    defaultZones: 'all',
    note: "Cats and dogs (COCO's other animals do not enter kitchens and are mostly false positives there).",
  },
  uncovered_bin: {
    code: 'uncovered_bin',
    zh: '垃圾桶未加盖',
    en: 'Uncovered bin',
    source: 'detector',
    labels: { all: [], any: ['uncovered_bin', 'open_bin'] },
    subject: 'object',
    defaults: { when: 'always', dwellSeconds: 60, cooldownSeconds: 1800, minScore: 0.5 },
    defaultZones: 'all',
    note: 'Needs a custom model with an uncovered_bin (or open_bin) class; COCO has no bins.',
  },
  after_hours_person: {
    code: 'after_hours_person',
    zh: '非工作时间人员进入',
    en: 'Person after hours',
    source: 'detector',
    labels: person,
    subject: 'object',
    defaults: { when: 'after_hours', dwellSeconds: 3, cooldownSeconds: 300, minScore: 0.45 },
    fixedWhen: 'after_hours',
    defaultZones: 'all',
    note: "A person anywhere in the camera's zones (the whole picture when it has none) outside its working hours.",
  },
  intrusion: {
    code: 'intrusion',
    zh: '陌生人员闯入',
    en: 'Unknown person in restricted area',
    source: 'detector',
    labels: person,
    subject: 'object',
    defaults: { when: 'always', dwellSeconds: 3, cooldownSeconds: 300, minScore: 0.45 },
    defaultZones: 'restricted',
    note: 'A person in a restricted zone (the whole picture when the camera has none), at any time.',
  },
  crowding: {
    code: 'crowding',
    zh: '人员聚集',
    en: 'Crowding',
    source: 'detector',
    labels: person,
    subject: 'crowd',
    defaults: { when: 'always', dwellSeconds: 30, cooldownSeconds: 900, minScore: 0.4, minPersons: 6 },
    defaultZones: 'all',
    note: 'At least minPersons people in the zone at once for the dwell time.',
  },
};

export const RELAY_CATEGORIES: Readonly<Record<RelayCategoryCode, RelayCategory>> = {
  camera_offline: { code: 'camera_offline', zh: '摄像头离线', en: 'Camera offline', source: 'relay', note: 'No connection to the camera.' },
  camera_frozen: {
    code: 'camera_frozen',
    zh: '画面冻结',
    en: 'Picture frozen',
    source: 'relay',
    note: 'Connected, but no new frame within the stall time.',
  },
  camera_blurred: {
    code: 'camera_blurred',
    zh: '画面模糊',
    en: 'Picture blurred',
    source: 'relay',
    note: 'The picture is soft (lens out of focus, fogged or greasy).',
  },
  camera_covered: {
    code: 'camera_covered',
    zh: '镜头遮挡',
    en: 'Lens covered',
    source: 'relay',
    note: 'The picture is dark or uniform.',
  },
};

export type CatalogueCategory = DetectorCategory | RelayCategory;

/** Every category the catalogue knows, detector categories first. */
export const CATALOGUE: readonly CatalogueCategory[] = [
  ...DETECTOR_CATEGORY_CODES.map((code) => DETECTOR_CATEGORIES[code]),
  ...RELAY_CATEGORY_CODES.map((code) => RELAY_CATEGORIES[code]),
];

/** Whether a model with these labels can decide the category. */
export function isLive(category: DetectorCategory, modelLabels: Iterable<string>): boolean {
  const labels = new Set(modelLabels);
  return (
    category.labels.all.every((label) => labels.has(label)) &&
    (category.labels.any.length === 0 || category.labels.any.some((label) => labels.has(label)))
  );
}

/** The labels of a category that the model has: the ones its rule looks at. */
export function labelsFor(category: DetectorCategory, modelLabels: Iterable<string>): string[] {
  const labels = new Set(modelLabels);
  return [...category.labels.all, ...category.labels.any].filter((label) => labels.has(label));
}

/** The detector categories a model makes live. */
export function liveCategories(modelLabels: Iterable<string>): DetectorCategoryCode[] {
  const labels = [...modelLabels];
  return DETECTOR_CATEGORY_CODES.filter((code) => isLive(DETECTOR_CATEGORIES[code], labels));
}
