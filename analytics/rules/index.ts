// Public API of the violation rules: the catalogue, the rules schema shared by the server and the worker, the
// city-wide defaults, and the pure pieces the worker runs (zones, schedule, the rule engine).
export {
  CATALOGUE,
  DETECTOR_CATEGORIES,
  DETECTOR_CATEGORY_CODES,
  isLive,
  labelsFor,
  liveCategories,
  RELAY_CATEGORIES,
  RELAY_CATEGORY_CODES,
} from './catalogue';
export type {
  CatalogueCategory,
  DetectorCategory,
  DetectorCategoryCode,
  RelayCategory,
  RelayCategoryCode,
  RuleWhen,
  SubjectKind,
} from './catalogue';
export { CAMERA_AREAS, DEFAULT_WORKING_HOURS, defaultRules } from './defaults';
export type { CameraArea } from './defaults';
export { activeRules, CameraRuleEngine, labelsNeeded, overlapsPerson, resolveRule } from './engine';
export type { FiringBox, Firing, FrameInfo, TrackedObject } from './engine';
export { inPeriod, isWorkingTime, minutesOf, shanghaiLocalTime, timeOfMinute } from './schedule';
export type { LocalTime } from './schedule';
export {
  CameraRules,
  CategoryRule,
  Mask,
  MotionSettings,
  Point,
  Polygon,
  Schedule,
  TimeOfDay,
  WorkingPeriod,
  Zone,
  ZoneId,
} from './schema';
export type { CameraRulesInput, PointXY } from './schema';
export { anchorsOf, boxInZone, boxMasked, pointInPolygon, rasteriseMasks } from './zones';
export type { PixelBox } from './zones';
