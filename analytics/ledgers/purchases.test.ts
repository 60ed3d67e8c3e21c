import { describe, expect, it } from 'vitest';
import { evaluateLedgerWarnings, hasCertificate, type PurchaseRecord } from './index';
import { emptyLedgers, ofCategories, shanghai } from './test-ledgers';

const purchase = (changes: Partial<PurchaseRecord> = {}): PurchaseRecord => ({
  id: 'pur-1',
  date: '2026-09-08',
  supplierName: '承德鲜肉联合加工厂',
  ...changes,
});
const purchaseWarnings = (...purchases: PurchaseRecord[]) =>
  ofCategories(evaluateLedgerWarnings(emptyLedgers({ purchases }), shanghai('2026-09-08T12:00:00')), 'purchase_without_certificate');

describe('purchase without its certificate (索证)', () => {
  it('a photo or a number of the certificate is enough', () => {
    expect(purchaseWarnings(purchase({ certificatePhotoId: 'att-9' }))).toEqual([]);
    expect(purchaseWarnings(purchase({ certificateNumber: 'HG-2026-0908-17' }))).toEqual([]);
    expect(purchaseWarnings(purchase({ certificatePhotoId: 'att-9', certificateNumber: 'HG-2026-0908-17' }))).toEqual([]);
  });

  it('neither is warned about at once', () => {
    expect(purchaseWarnings(purchase())).toEqual([
      {
        key: 'purchase_without_certificate:pur-1',
        category: 'purchase_without_certificate',
        severity: 'medium',
        subject: { ledger: 'purchases', id: 'pur-1' },
        message: {
          zh: '2026-09-08 从「承德鲜肉联合加工厂」进货，未索取合格证明（无照片、无编号）',
          en: 'The purchase from 承德鲜肉联合加工厂 on 2026-09-08 has no certificate (no photo, no number)',
        },
        details: { date: '2026-09-08', supplierName: '承德鲜肉联合加工厂' },
      },
    ]);
  });

  it('null and blank values are not a certificate', () => {
    expect(hasCertificate(purchase({ certificatePhotoId: null, certificateNumber: '  ' }))).toBe(false);
    expect(purchaseWarnings(purchase({ certificatePhotoId: '', certificateNumber: null }))).toHaveLength(1);
  });
});
