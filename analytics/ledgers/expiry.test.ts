import { describe, expect, it } from 'vitest';
import { evaluateLedgerWarnings, expiryState, type LicenceRecord, type StaffRecord } from './index';
import { emptyLedgers, keysOf, ofCategories, shanghai } from './test-ledgers';

// Evaluated on Tuesday 8 September 2026 at noon: 30 days on is 8 October.
const NOON = shanghai('2026-09-08T12:00:00');

const supplier = (expiry: string | null, id = 'sup-1'): LicenceRecord => ({
  id,
  holder: 'supplier',
  holderName: '承德绿源蔬菜',
  number: 'JY11308000000001',
  expiry,
});
const cook = (expiry: string | null, id = 'staff-1'): StaffRecord => ({
  id,
  name: '张三',
  healthCertNumber: 'JK-2025-0001',
  healthCertExpiry: expiry,
});

const LICENCE = ['licence_expiring', 'licence_expired'] as const;
const CERTIFICATE = ['health_cert_expiring', 'health_cert_expired'] as const;
const licenceWarnings = (expiry: string | null, at: Date = NOON) =>
  ofCategories(evaluateLedgerWarnings(emptyLedgers({ licences: [supplier(expiry)] }), at), ...LICENCE);
const certWarnings = (expiry: string | null, at: Date = NOON, options = {}) =>
  ofCategories(evaluateLedgerWarnings(emptyLedgers({ staff: [cook(expiry)] }), at, options), ...CERTIFICATE);

describe('licence expiry (the expiry date is the last valid day)', () => {
  it('31 days ahead: nothing; 30 and 29 days ahead: expiring', () => {
    expect(licenceWarnings('2026-10-09')).toEqual([]);
    expect(licenceWarnings('2026-10-08')).toEqual([
      {
        key: 'licence_expiring:supplier:sup-1:2026-10-08',
        category: 'licence_expiring',
        severity: 'low',
        subject: { ledger: 'licences', id: 'sup-1', holder: 'supplier' },
        message: {
          zh: '供应商「承德绿源蔬菜」的许可证（JY11308000000001）有效期至 2026-10-08，还剩 30 天',
          en: "The supplier 承德绿源蔬菜's licence JY11308000000001 is valid until 2026-10-08: 30 days left",
        },
        details: { holder: 'supplier', holderName: '承德绿源蔬菜', number: 'JY11308000000001', expiry: '2026-10-08', daysLeft: 30 },
      },
    ]);
    expect(licenceWarnings('2026-10-07')).toMatchObject([{ category: 'licence_expiring', details: { daysLeft: 29 } }]);
  });

  it('its last valid day is still expiring; the day after, it has expired', () => {
    expect(licenceWarnings('2026-09-08')).toMatchObject([
      { category: 'licence_expiring', details: { daysLeft: 0 }, message: { en: expect.stringContaining('today is its last valid day') } },
    ]);
    expect(licenceWarnings('2026-09-07')).toEqual([
      expect.objectContaining({
        key: 'licence_expired:supplier:sup-1:2026-09-07',
        category: 'licence_expired',
        severity: 'high',
        details: expect.objectContaining({ daysExpired: 1 }),
        message: {
          zh: '供应商「承德绿源蔬菜」的许可证（JY11308000000001）有效期至 2026-09-07，已过期 1 天',
          en: "The supplier 承德绿源蔬菜's licence JY11308000000001 was valid until 2026-09-07: expired 1 day ago",
        },
      }),
    ]);
  });

  it('counts days in Asia/Shanghai: 00:30 on the 8th there is still the 7th in UTC', () => {
    const justAfterMidnight = new Date('2026-09-07T16:30:00Z');
    expect(licenceWarnings('2026-09-07', justAfterMidnight)).toMatchObject([{ category: 'licence_expired' }]);
    expect(licenceWarnings('2026-09-07', shanghai('2026-09-07T23:59:59'))).toMatchObject([{ category: 'licence_expiring' }]);
  });

  it('a licence with no expiry on record counts as expired', () => {
    expect(licenceWarnings(null)).toMatchObject([
      { key: 'licence_expired:supplier:sup-1:none', category: 'licence_expired', details: { missing: true } },
    ]);
  });

  it("names the canteen's own licence apart from a supplier's, so their keys never meet", () => {
    const canteen: LicenceRecord = { id: 'sup-1', holder: 'canteen', holderName: '一食堂', number: 'JY1', expiry: '2026-09-01' };
    const warnings = ofCategories(evaluateLedgerWarnings(emptyLedgers({ licences: [canteen, supplier('2026-09-01')] }), NOON), ...LICENCE);
    expect(keysOf(warnings)).toEqual(['licence_expired:canteen:sup-1:2026-09-01', 'licence_expired:supplier:sup-1:2026-09-01']);
    expect(warnings[0]!.message.zh).toBe('食堂「一食堂」的许可证（JY1）有效期至 2026-09-01，已过期 7 天');
  });
});

describe('health certificate expiry', () => {
  it('31 days: nothing; 30 and 29: expiring; 0: expiring; −1: expired', () => {
    expect(certWarnings('2026-10-09')).toEqual([]);
    expect(certWarnings('2026-10-08')).toEqual([
      {
        key: 'health_cert_expiring:staff-1:2026-10-08',
        category: 'health_cert_expiring',
        severity: 'low',
        subject: { ledger: 'staff', id: 'staff-1' },
        message: {
          zh: '从业人员「张三」的健康证有效期至 2026-10-08，还剩 30 天',
          en: "张三's health certificate is valid until 2026-10-08: 30 days left",
        },
        details: { name: '张三', number: 'JK-2025-0001', expiry: '2026-10-08', daysLeft: 30 },
      },
    ]);
    expect(certWarnings('2026-10-07')).toMatchObject([{ key: 'health_cert_expiring:staff-1:2026-10-07', details: { daysLeft: 29 } }]);
    expect(certWarnings('2026-09-08')).toMatchObject([{ category: 'health_cert_expiring', details: { daysLeft: 0 } }]);
    expect(certWarnings('2026-09-07')).toMatchObject([
      { key: 'health_cert_expired:staff-1:2026-09-07', category: 'health_cert_expired', severity: 'high', details: { daysExpired: 1 } },
    ]);
  });

  it('expiring and expired are two warnings with two keys; a renewal makes a new key', () => {
    const expiring = certWarnings('2026-09-20', NOON);
    const expired = certWarnings('2026-09-20', shanghai('2026-09-21T08:00:00'));
    const renewed = certWarnings('2027-09-20', shanghai('2027-09-01T08:00:00'));
    expect(keysOf(expiring)).toEqual(['health_cert_expiring:staff-1:2026-09-20']);
    expect(keysOf(expired)).toEqual(['health_cert_expired:staff-1:2026-09-20']);
    expect(keysOf(renewed)).toEqual(['health_cert_expiring:staff-1:2027-09-20']);
    // The same fact evaluated again later keeps its key.
    expect(keysOf(certWarnings('2026-09-20', shanghai('2026-09-19T23:00:00')))).toEqual(keysOf(expiring));
  });

  it('a person with no certificate on record counts as expired', () => {
    expect(certWarnings(null)).toMatchObject([
      {
        key: 'health_cert_expired:staff-1:none',
        category: 'health_cert_expired',
        details: { missing: true },
        message: { zh: '从业人员「张三」无健康证记录' },
      },
    ]);
  });

  it('takes another warning period', () => {
    expect(certWarnings('2026-11-07', NOON, { expiringWithinDays: 60 })).toMatchObject([{ details: { daysLeft: 60 } }]);
    expect(certWarnings('2026-11-08', NOON, { expiringWithinDays: 60 })).toEqual([]);
    expect(() => certWarnings('2026-11-08', NOON, { expiringWithinDays: -1 })).toThrow(RangeError);
  });

  it('refuses a malformed expiry instead of guessing', () => {
    expect(() => certWarnings('2026-9-8')).toThrow(/expiry must be a calendar date/);
  });
});

describe('expiryState', () => {
  it('says how far from the last valid day', () => {
    expect(expiryState('2026-10-09', '2026-09-08', 30)).toEqual({ state: 'valid' });
    expect(expiryState('2026-10-08', '2026-09-08', 30)).toEqual({ state: 'expiring', daysLeft: 30 });
    expect(expiryState('2026-09-07', '2026-09-08', 30)).toEqual({ state: 'expired', daysAgo: 1 });
    expect(expiryState(null, '2026-09-08', 30)).toEqual({ state: 'missing' });
  });
});
