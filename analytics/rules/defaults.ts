// The city-wide default rules, by the area a camera watches. A camera without rules of its own runs these; the
// first change a city administrator saves for a camera becomes that camera's own rules.
//
// - Working hours 05:30–20:00 every day (breakfast preparation to the end of the evening clean-up).
// - A person after hours, everywhere.
// - In the preparation and cooking areas: phone use, cats and dogs, and the attire and smoking categories of a
//   custom kitchen model (not live with COCO: they light up when such a model is loaded).
// - Rodents wherever food is kept, prepared or washed; an uncovered bin in the washing area.
import { CameraRules, type CameraRulesInput } from './schema';

export const CAMERA_AREAS = ['storage', 'prep', 'cooking', 'washing', 'serving'] as const;
export type CameraArea = (typeof CAMERA_AREAS)[number];

export const DEFAULT_WORKING_HOURS = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '20:00' }];

const KITCHEN = ['after_hours_person', 'phone_use', 'animal', 'rodent', 'no_mask', 'no_chef_hat', 'no_work_clothes', 'smoking'] as const;

const CATEGORIES_BY_AREA: Record<CameraArea, readonly CameraRulesInput['rules'][number]['category'][]> = {
  storage: ['after_hours_person', 'animal', 'rodent'],
  prep: KITCHEN,
  cooking: KITCHEN,
  washing: ['after_hours_person', 'animal', 'rodent', 'uncovered_bin'],
  serving: ['after_hours_person', 'animal'],
};

export function defaultRules(area: CameraArea): CameraRules {
  return CameraRules.parse({
    schedule: { workingHours: DEFAULT_WORKING_HOURS },
    rules: CATEGORIES_BY_AREA[area].map((category) => ({ category })),
  });
}
