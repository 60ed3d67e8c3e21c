import { describe, expect, it } from 'vitest';
import { ALERT_CATEGORIES } from '../../server/alerts/categories';
import { datesFrom } from '../calendar';
import { evaluateLedgerWarnings, LEDGER_WARNING_CATEGORIES, ledgerEvidenceWindow, type SchoolLedgers } from './index';
import { emptyLedgers, keysOf, on, SCHOOL, shanghai } from './test-ledgers';

// Thursday 17 September 2026, 15:00. The week back runs from Friday the 11th.
const AT = shanghai('2026-09-17T15:00:00');
const everyDay = on(...datesFrom('2026-08-31', '2026-09-17'));

const clean: SchoolLedgers = emptyLedgers({
  licences: [{ id: 'cant-1', holder: 'canteen', holderName: '一食堂', number: 'JY1', expiry: '2027-06-30' }],
  staff: [{ id: 'staff-1', name: '张三', healthCertNumber: 'JK1', healthCertExpiry: '2027-03-01' }],
  morningChecks: everyDay,
  mealAccompaniments: on('2026-09-03', '2026-09-10', '2026-09-15'),
  selfInspections: on('2026-09-04', '2026-09-11'),
  foodSamples: [
    { id: 'smp-1', dish: '米饭', weightGrams: 125, collectedAt: '2026-09-14T11:30:00+08:00', discardedAt: '2026-09-16T11:30:00+08:00' },
  ],
  purchases: [{ id: 'pur-1', date: '2026-09-16', supplierName: '粮油公司', certificateNumber: 'HG1' }],
});

describe('all ledger rules together', () => {
  it('a school that keeps its ledgers has no warning', () => {
    expect(evaluateLedgerWarnings(clean, AT)).toEqual([]);
  });

  it('one fault in each ledger gives exactly one warning each, with unique keys', () => {
    const faulty: SchoolLedgers = {
      ...clean,
      licences: [...clean.licences, { id: 'sup-1', holder: 'supplier', holderName: '蔬菜公司', number: 'JY2', expiry: '2026-09-16' }],
      staff: [...clean.staff, { id: 'staff-2', name: '李四', healthCertExpiry: '2026-10-17' }],
      morningChecks: everyDay.filter((check) => check.date !== '2026-09-15'),
      mealAccompaniments: on('2026-09-03', '2026-09-15'),
      selfInspections: on('2026-09-04'),
      foodSamples: [...clean.foodSamples, { id: 'smp-2', dish: '青菜', weightGrams: 100, collectedAt: '2026-09-16T11:30:00+08:00' }],
      purchases: [...clean.purchases, { id: 'pur-2', date: '2026-09-17', supplierName: '肉联厂' }],
    };
    const warnings = evaluateLedgerWarnings(faulty, AT);
    expect(keysOf(warnings)).toEqual([
      'licence_expired:supplier:sup-1:2026-09-16',
      'health_cert_expiring:staff-2:2026-10-17',
      `no_morning_check:${SCHOOL}:2026-09-15`,
      `no_meal_accompaniment:${SCHOOL}:2026-W37`,
      `no_self_inspection:${SCHOOL}:2026-W37`,
      'sample_retention:smp-2:weight',
      'purchase_without_certificate:pur-2',
    ]);
    expect(new Set(keysOf(warnings)).size).toBe(warnings.length);
  });

  it('each category is an alert category of the server with the same names and severity', () => {
    for (const [code, info] of Object.entries(LEDGER_WARNING_CATEGORIES)) {
      expect(ALERT_CATEGORIES).toHaveProperty(code);
      const alert = ALERT_CATEGORIES[code as keyof typeof ALERT_CATEGORIES];
      expect({
        code,
        zh: alert.zh,
        en: alert.en,
        severity: alert.severity,
        ledger: (alert.sources as readonly string[]).includes('ledger'),
      }).toEqual({
        code,
        ...info,
        ledger: true,
      });
    }
  });

  it('reads the evidence window the server must load: from the Monday of the earliest week still judged', () => {
    // A week back from Thursday the 17th starts on Friday the 11th; a week judged then may have begun on 31 August.
    expect(ledgerEvidenceWindow(AT)).toEqual({ from: '2026-08-31', to: '2026-09-17' });
    expect(ledgerEvidenceWindow(AT, { lookbackDays: 1 })).toEqual({ from: '2026-09-07', to: '2026-09-17' });
    // Records before the window change nothing.
    const older = { ...clean, morningChecks: [...on('2026-08-01'), ...clean.morningChecks] };
    expect(evaluateLedgerWarnings(older, AT)).toEqual([]);
  });

  it('refuses a bad evaluation instant or look-back', () => {
    expect(() => evaluateLedgerWarnings(clean, 'yesterday')).toThrow(RangeError);
    expect(() => evaluateLedgerWarnings(clean, AT, { lookbackDays: 0 })).toThrow(RangeError);
    expect(() => evaluateLedgerWarnings(clean, AT, { ledgersSince: '2026-09' })).toThrow(RangeError);
  });
});
