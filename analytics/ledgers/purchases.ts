// Purchase inspection (进货查验, 索证索票): a purchase needs the supplier's certificate for the goods. A photo or
// a certificate number on record counts as the certificate; a purchase with neither is warned about at once,
// since the goods may already be in use.
import type { LedgerWarning, PurchaseRecord } from './types';
import { ledgerWarning } from './warning';

const present = (value: string | null | undefined) => typeof value === 'string' && value.trim() !== '';

export const hasCertificate = (purchase: PurchaseRecord) => present(purchase.certificatePhotoId) || present(purchase.certificateNumber);

export function purchaseWarnings(purchases: readonly PurchaseRecord[]): LedgerWarning[] {
  return purchases
    .filter((purchase) => !hasCertificate(purchase))
    .map((purchase) =>
      ledgerWarning(
        'purchase_without_certificate',
        [purchase.id],
        { ledger: 'purchases', id: purchase.id },
        {
          zh: `${purchase.date} 从「${purchase.supplierName}」进货，未索取合格证明（无照片、无编号）`,
          en: `The purchase from ${purchase.supplierName} on ${purchase.date} has no certificate (no photo, no number)`,
        },
        { date: purchase.date, supplierName: purchase.supplierName },
      ),
    );
}
