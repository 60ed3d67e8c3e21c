// One line that says what an entry holds, for lists.
import type { TFunction } from 'i18next';
import type { LedgerEntry } from './types';

type Payload = Record<string, unknown>;
const list = (value: unknown) => (Array.isArray(value) ? (value as Payload[]) : []);

export function entrySummary(entry: LedgerEntry, t: TFunction<'ledgers'>): string {
  const p = entry.payload;
  switch (entry.kind) {
    case 'morning_check':
      return t('summary.morning_check', { checked: list(p.checked).length, unfit: list(p.unfit).length });
    case 'food_sample':
      return t('summary.food_sample', { dish: p.dish, weight: p.weightGrams });
    case 'meal_accompaniment':
      return t('summary.meal_accompaniment', {
        names: list(p.companions)
          .map((c) => c.name)
          .join('、'),
        comments: p.comments,
      });
    case 'purchase':
      return t('summary.purchase', {
        supplier: p.supplierName,
        goods: list(p.goods)
          .map((g) => `${String(g.name)} ${String(g.quantity)}${String(g.unit)}`)
          .join('、'),
      });
    case 'self_inspection':
      return t('summary.self_inspection', { failed: list(p.answers).filter((a) => a.result === 'fail').length });
    case 'emergency_report':
      return t('summary.emergency_report', { type: t(`emergency.types.${String(p.type)}`), affected: p.affected });
    case 'disinfection':
      return t('summary.disinfection', { items: p.items, minutes: p.durationMinutes });
    case 'menu':
      return t('summary.menu', {
        dishes: list(p.meals)
          .flatMap((m) => (Array.isArray(m.dishes) ? (m.dishes as string[]) : []))
          .join('、'),
      });
  }
}
