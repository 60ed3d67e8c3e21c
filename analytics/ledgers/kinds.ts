// The kinds of school ledger entry (台账), in one place: the server's schemas validate against this list and
// the renderer names and lists them from it. No zod here, so the renderer's bundle can import it as it is.
import type { RequiredLedger } from './completeness';

export const LEDGER_KINDS = [
  'morning_check',
  'menu',
  'meal_accompaniment',
  'food_sample',
  'disinfection',
  'self_inspection',
  'purchase',
  'emergency_report',
] as const;

export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The entry kinds that keep a ledger the completeness rule requires, and which one each keeps. */
export const REQUIRED_LEDGER_OF_KIND: Readonly<Partial<Record<LedgerKind, RequiredLedger>>> = {
  morning_check: 'morning_checks',
  menu: 'menus',
  food_sample: 'food_samples',
  disinfection: 'disinfections',
  meal_accompaniment: 'meal_accompaniments',
  self_inspection: 'self_inspections',
};

/** The required ledger an entry of this kind keeps (a kind as read from the database), if any. */
export const requiredLedgerOf = (kind: string): RequiredLedger | undefined => REQUIRED_LEDGER_OF_KIND[kind as LedgerKind];

/** What an emergency direct report (应急直报) is about. */
export const EMERGENCY_TYPES = ['suspected_food_poisoning', 'foreign_matter', 'spoiled_food', 'facility_failure', 'other'] as const;

export type EmergencyType = (typeof EMERGENCY_TYPES)[number];

/** Their names in the alert the county and the city receive (the renderer has its own zh/en strings). */
export const EMERGENCY_TYPE_NAMES_ZH: Readonly<Record<EmergencyType, string>> = {
  suspected_food_poisoning: '疑似食物中毒',
  foreign_matter: '食品异物',
  spoiled_food: '食品变质',
  facility_failure: '设施故障',
  other: '其他突发情况',
};
