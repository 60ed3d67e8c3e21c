// The violation rules of one camera, run on the tracked detections of each analysed frame. A rule fires when
// a subject (a track, a phone on a person, a crowd) has violated it without a break for the dwell time, and
// again at most once per cooldown while the violation lasts; every firing becomes one post to the server,
// which folds the repeats into one alert. Pure: no I/O, time comes with each frame.
import { labelNameZh } from '../models/label-names';
import { DETECTOR_CATEGORIES, isLive, labelsFor, type DetectorCategory, type DetectorCategoryCode, type RuleWhen } from './catalogue';
import { isWorkingTime } from './schedule';
import type { CameraRules, CategoryRule, Zone } from './schema';
import { boxInZone, boxMasked, type PixelBox } from './zones';

/** A tracked object as the tracker hands it over. */
export interface TrackedObject {
  readonly id: number;
  readonly label: string;
  readonly score: number;
  readonly box: PixelBox;
  readonly firstSeenAt: number;
  readonly lastSeenAt: number;
  readonly hits: number;
  /** Detector runs since the track was last matched: 0 when it was seen in this frame. */
  readonly misses: number;
}

export interface FrameInfo {
  /** When the frame was captured (ms since the epoch). */
  readonly at: number;
  readonly width: number;
  readonly height: number;
}

export interface FiringBox {
  label: string;
  score: number;
  box: [number, number, number, number];
  trackId?: number;
}

export interface Firing {
  category: DetectorCategoryCode;
  cameraId: string;
  at: number;
  confidence: number;
  boxes: FiringBox[];
  /** The subject that has violated longest: its track (0 for a crowd) and when its episode began. */
  trackId: number;
  episodeStart: number;
  /** 1 for the first firing of the episode, then 2, 3… for the repeats. */
  sequence: number;
  idempotencyKey: string;
  summary: string;
  details: Record<string, string | number | boolean | null>;
}

interface ResolvedRule {
  readonly category: DetectorCategory;
  readonly when: RuleWhen;
  readonly dwellMs: number;
  readonly cooldownMs: number;
  readonly minScore: number;
  readonly minPersons: number;
  /** Undefined: the whole picture. */
  readonly zones: readonly Zone[] | undefined;
  readonly labels: ReadonlySet<string>;
}

interface SubjectState {
  since: number;
  fired: number;
}

interface RuleState {
  lastFiredAt: number | undefined;
  subjects: Map<string, SubjectState>;
}

interface Candidate {
  key: string;
  trackId: number;
  boxes: FiringBox[];
  score: number;
}

const MAX_BOXES = 50;
const PERSON = 'person';

/** The rule with the catalogue's defaults filled in, its zones looked up, its labels those the model has. */
export function resolveRule(rule: CategoryRule, rules: CameraRules, modelLabels: readonly string[]): ResolvedRule {
  const category = DETECTOR_CATEGORIES[rule.category];
  const named = rule.zones.length > 0 ? rules.zones.filter((zone) => rule.zones.includes(zone.id)) : undefined;
  const byDefault = category.defaultZones === 'restricted' ? rules.zones.filter((zone) => zone.kind === 'restricted') : rules.zones;
  const zones = named ?? (byDefault.length > 0 ? byDefault : undefined);
  return {
    category,
    when: category.fixedWhen ?? rule.when ?? category.defaults.when,
    dwellMs: (rule.dwellSeconds ?? category.defaults.dwellSeconds) * 1000,
    cooldownMs: (rule.cooldownSeconds ?? category.defaults.cooldownSeconds) * 1000,
    minScore: rule.minScore ?? category.defaults.minScore,
    minPersons: rule.minPersons ?? category.defaults.minPersons ?? 2,
    zones,
    labels: new Set(labelsFor(category, modelLabels)),
  };
}

/** The enabled rules of a camera that the model can decide. */
export function activeRules(rules: CameraRules, modelLabels: readonly string[]): CategoryRule[] {
  if (!rules.enabled) return [];
  return rules.rules.filter((rule) => rule.enabled && isLive(DETECTOR_CATEGORIES[rule.category], modelLabels));
}

/** The labels the detector must report for a camera's rules (none: the camera need not be analysed). */
export function labelsNeeded(rules: CameraRules, modelLabels: readonly string[]): string[] {
  const labels = new Set<string>();
  for (const rule of activeRules(rules, modelLabels))
    for (const label of labelsFor(DETECTOR_CATEGORIES[rule.category], modelLabels)) labels.add(label);
  return [...labels].sort();
}

export function overlapsPerson(object: PixelBox, person: PixelBox): boolean {
  const cx = (object[0] + object[2]) / 2;
  const cy = (object[1] + object[3]) / 2;
  if (cx >= person[0] && cx <= person[2] && cy >= person[1] && cy <= person[3]) return true;
  const w = Math.max(0, Math.min(object[2], person[2]) - Math.max(object[0], person[0]));
  const h = Math.max(0, Math.min(object[3], person[3]) - Math.max(object[1], person[1]));
  const area = Math.max(1e-9, (object[2] - object[0]) * (object[3] - object[1]));
  return (w * h) / area >= 0.5;
}

const boxOf = (track: TrackedObject): FiringBox => ({
  label: track.label,
  score: Math.round(track.score * 1000) / 1000,
  box: [Math.round(track.box[0]), Math.round(track.box[1]), Math.round(track.box[2]), Math.round(track.box[3])],
  trackId: track.id,
});

export class CameraRuleEngine {
  private resolved: ResolvedRule[] = [];
  private readonly state = new Map<DetectorCategoryCode, RuleState>();
  private rules!: CameraRules;

  constructor(
    readonly cameraId: string,
    rules: CameraRules,
    private readonly modelLabels: readonly string[],
  ) {
    this.update(rules);
  }

  /** New rules for the camera; the cooldown and open episodes of rules that remain are kept. */
  update(rules: CameraRules): void {
    this.rules = rules;
    this.resolved = activeRules(rules, this.modelLabels).map((rule) => resolveRule(rule, rules, this.modelLabels));
    const kept = new Set(this.resolved.map((rule) => rule.category.code));
    for (const code of this.state.keys()) if (!kept.has(code)) this.state.delete(code);
  }

  get categories(): DetectorCategoryCode[] {
    return this.resolved.map((rule) => rule.category.code);
  }

  evaluate(frame: FrameInfo, tracks: readonly TrackedObject[]): Firing[] {
    const working = isWorkingTime(this.rules.schedule, frame.at);
    const alive = new Set(tracks.map((track) => `t${track.id}`));
    const visible = tracks.filter((track) => track.misses === 0 && !boxMasked(track.box, frame.width, frame.height, this.rules.masks));
    const firings: Firing[] = [];
    for (const rule of this.resolved) {
      let state = this.state.get(rule.category.code);
      if (!state) this.state.set(rule.category.code, (state = { lastFiredAt: undefined, subjects: new Map() }));
      const applies = rule.when === 'always' || (rule.when === 'working_hours') === working;
      if (!applies) {
        state.subjects.clear();
        continue;
      }
      const candidates = this.candidates(rule, frame, visible);
      const violating = new Map(candidates.map((candidate) => [candidate.key, candidate]));
      // Episodes end when their subject is gone, or is seen and no longer violates.
      const seen = new Set(visible.map((track) => `t${track.id}`));
      for (const [key, subject] of state.subjects) {
        const gone = key === 'crowd' ? !violating.has(key) : !alive.has(key) || (seen.has(key) && !violating.has(key));
        if (gone || subject.since > frame.at) state.subjects.delete(key);
      }
      for (const candidate of candidates)
        if (!state.subjects.has(candidate.key)) state.subjects.set(candidate.key, { since: frame.at, fired: 0 });

      const ripe = candidates.filter((candidate) => frame.at - state.subjects.get(candidate.key)!.since >= rule.dwellMs);
      if (ripe.length === 0) continue;
      if (state.lastFiredAt !== undefined && frame.at - state.lastFiredAt < rule.cooldownMs && frame.at >= state.lastFiredAt) continue;
      const primary = [...ripe].sort(
        (a, b) => state.subjects.get(a.key)!.since - state.subjects.get(b.key)!.since || a.trackId - b.trackId,
      )[0]!;
      const subject = state.subjects.get(primary.key)!;
      subject.fired += 1;
      state.lastFiredAt = frame.at;
      firings.push(this.firing(rule, frame, ripe, primary, subject));
    }
    return firings;
  }

  private inZones(rule: ResolvedRule, frame: FrameInfo, box: PixelBox): boolean {
    return !rule.zones || rule.zones.some((zone) => boxInZone(box, frame.width, frame.height, zone));
  }

  private candidates(rule: ResolvedRule, frame: FrameInfo, visible: readonly TrackedObject[]): Candidate[] {
    const qualifies = (track: TrackedObject) => rule.labels.has(track.label) && track.score >= rule.minScore;
    switch (rule.category.subject) {
      case 'object':
        return visible
          .filter((track) => qualifies(track) && this.inZones(rule, frame, track.box))
          .map((track) => ({ key: `t${track.id}`, trackId: track.id, boxes: [boxOf(track)], score: track.score }));
      case 'pair': {
        const persons = visible.filter((track) => track.label === PERSON && track.score >= rule.minScore);
        return visible
          .filter((track) => track.label !== PERSON && qualifies(track) && this.inZones(rule, frame, track.box))
          .flatMap((object) => {
            const holder = persons.find((person) => overlapsPerson(object.box, person.box));
            return holder
              ? [
                  {
                    key: `t${object.id}`,
                    trackId: object.id,
                    boxes: [boxOf(object), boxOf(holder)],
                    score: Math.min(object.score, holder.score),
                  },
                ]
              : [];
          });
      }
      case 'crowd': {
        const persons = visible.filter((track) => qualifies(track) && this.inZones(rule, frame, track.box));
        if (persons.length < rule.minPersons) return [];
        return [{ key: 'crowd', trackId: 0, boxes: persons.map(boxOf), score: Math.max(...persons.map((person) => person.score)) }];
      }
    }
  }

  private firing(rule: ResolvedRule, frame: FrameInfo, ripe: readonly Candidate[], primary: Candidate, subject: SubjectState): Firing {
    const boxes = ripe.flatMap((candidate) => candidate.boxes);
    const unique = [...new Map(boxes.map((box) => [`${box.trackId}`, box])).values()].slice(0, MAX_BOXES);
    const counts = new Map<string, number>();
    for (const box of unique) counts.set(box.label, (counts.get(box.label) ?? 0) + 1);
    const what = [...counts].map(([label, count]) => `${labelNameZh(label)} ×${count}`).join('、');
    const seconds = Math.round((frame.at - subject.since) / 1000);
    const code = rule.category.code;
    return {
      category: code,
      cameraId: this.cameraId,
      at: frame.at,
      confidence: Math.round(Math.max(...ripe.map((candidate) => candidate.score)) * 1000) / 1000,
      boxes: unique,
      trackId: primary.trackId,
      episodeStart: subject.since,
      sequence: subject.fired,
      idempotencyKey: `ai:${this.cameraId}:${code}:${primary.key}:${subject.since}:${subject.fired}`,
      summary: `${rule.category.zh}：检测到 ${what}，已持续 ${seconds} 秒`.slice(0, 500),
      details: {
        rule: code,
        trackId: primary.trackId,
        episodeStart: new Date(subject.since).toISOString(),
        repeat: subject.fired,
        seenSeconds: seconds,
        when: rule.when,
        zones: rule.zones
          ? rule.zones
              .map((zone) => zone.id)
              .join(',')
              .slice(0, 500)
          : null,
      },
    };
  }
}
