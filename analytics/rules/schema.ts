// A camera's detection rules: which violation categories it watches, where (zones), when (its working hours
// in Asia/Shanghai), for how long a subject must persist (dwell), how often the same rule may fire again
// (cooldown), and what the motion gate ignores (masks). One zod schema, shared by the server (which stores and
// validates it) and the worker (which runs it). Coordinates are normalised to the frame: 0..1 from the left
// and from the top, so a rule survives a change of resolution (main stream or substream).
import { z } from 'zod';
import { DETECTOR_CATEGORY_CODES } from './catalogue';

const unit = z.number().min(0).max(1);
export const Point = z.tuple([unit, unit]);
/** A closed polygon: 3 to 64 points, the last joined to the first. */
export const Polygon = z.array(Point).min(3).max(64);

/** 'HH:MM' from 00:00 to 24:00. */
export const TimeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM between 00:00 and 24:00');

/**
 * A working period on some days of the week (ISO: 1 = Monday … 7 = Sunday). An end at or before the start runs
 * overnight into the next day (22:00–06:00 on Friday covers Friday night and Saturday morning).
 */
export const WorkingPeriod = z.strictObject({
  days: z.array(z.int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]),
  start: TimeOfDay,
  end: TimeOfDay,
});

export const Schedule = z.strictObject({
  /** Asia/Shanghai local time; outside every period is after hours. An empty list: always after hours. */
  workingHours: z.array(WorkingPeriod).max(21),
});

export const ZoneId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lower-case letters, digits, _ and -');

export const Zone = z.strictObject({
  id: ZoneId,
  name: z.string().trim().max(40).optional(),
  /** `restricted`: where intrusion applies (storeroom, sample cabinet); `area`: any other zone. */
  kind: z.enum(['area', 'restricted']).default('area'),
  polygon: Polygon,
  /**
   * Which point of a detection's box must lie inside: the bottom centre (where a person stands), the centre,
   * or either of them (the default: a person standing in the zone, or an object drawn over it).
   */
  anchor: z.enum(['feet', 'centre', 'either']).default('either'),
});

/** An area the worker ignores: no motion counted there, no detection whose anchor lies there counted. */
export const Mask = z.strictObject({
  name: z.string().trim().max(40).optional(),
  polygon: Polygon,
});

export const MotionSettings = z.strictObject({
  /** Grey-level change (0–255) of a downscaled pixel that counts as changed. */
  pixelThreshold: z.int().min(1).max(255).default(24),
  /** Share of the unmasked picture that must change for the detector to run. */
  minChangedShare: z.number().min(0).max(1).default(0.004),
  /** With nothing tracked and nothing moving, the detector still runs this often (a person standing still). */
  idleSeconds: z.int().min(5).max(3600).default(120),
  /** With something tracked but nothing moving, the detector runs this often (dwell, still there, gone). */
  stationarySeconds: z.number().min(0.5).max(600).default(10),
});

export const RuleWhen = z.enum(['always', 'working_hours', 'after_hours']);

export const CategoryRule = z.strictObject({
  category: z.enum(DETECTOR_CATEGORY_CODES),
  enabled: z.boolean().default(true),
  /** Zone ids; none: the catalogue's default (every zone, or the restricted ones for intrusion; the whole picture without zones). */
  zones: z.array(ZoneId).max(16).default([]),
  /** Unset: the catalogue's default for the category. */
  when: RuleWhen.optional(),
  /** Seconds a subject must be seen violating, without a break, before the rule fires. Unset: the catalogue's. */
  dwellSeconds: z.number().min(0).max(3600).optional(),
  /** Seconds before the same rule on the same camera may fire again (a repeat folds into the open alert). */
  cooldownSeconds: z.number().min(0).max(86_400).optional(),
  /** Lowest detection score counted. Unset: the catalogue's. */
  minScore: z.number().min(0).max(1).optional(),
  /** crowding: people in the zone at once. */
  minPersons: z.int().min(2).max(200).optional(),
});

export const CameraRules = z
  .strictObject({
    /** Off: the worker does not analyse this camera at all. */
    enabled: z.boolean().default(true),
    /** Frames analysed per second for this camera; unset: the worker's ANALYTICS_FPS. */
    fps: z.number().min(0.05).max(5).optional(),
    schedule: Schedule,
    zones: z.array(Zone).max(16).default([]),
    masks: z.array(Mask).max(16).default([]),
    motion: MotionSettings.default({ pixelThreshold: 24, minChangedShare: 0.004, idleSeconds: 120, stationarySeconds: 10 }),
    rules: z.array(CategoryRule).max(DETECTOR_CATEGORY_CODES.length),
  })
  .superRefine((rules, ctx) => {
    const zoneIds = new Set<string>();
    rules.zones.forEach((zone, index) => {
      if (zoneIds.has(zone.id)) ctx.addIssue({ code: 'custom', message: `zone id ${zone.id} is used twice`, path: ['zones', index, 'id'] });
      zoneIds.add(zone.id);
    });
    const categories = new Set<string>();
    rules.rules.forEach((rule, index) => {
      if (categories.has(rule.category)) {
        ctx.addIssue({ code: 'custom', message: `category ${rule.category} has two rules`, path: ['rules', index, 'category'] });
      }
      categories.add(rule.category);
      rule.zones.forEach((zone, zoneIndex) => {
        if (!zoneIds.has(zone)) ctx.addIssue({ code: 'custom', message: `no zone ${zone}`, path: ['rules', index, 'zones', zoneIndex] });
      });
    });
  });

export type CameraRules = z.output<typeof CameraRules>;
export type CameraRulesInput = z.input<typeof CameraRules>;
export type CategoryRule = z.output<typeof CategoryRule>;
export type Zone = z.output<typeof Zone>;
export type Mask = z.output<typeof Mask>;
export type MotionSettings = z.output<typeof MotionSettings>;
export type Schedule = z.output<typeof Schedule>;
export type WorkingPeriod = z.output<typeof WorkingPeriod>;
export type PointXY = z.output<typeof Point>;
