// 索证索票: a purchase with the supplier, the goods, and the certificate (number or photo) and invoice photos.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../hooks/use-live-query';
import { PhotoPicker } from '../school/PhotoPicker';
import { usePhotoUploads } from '../school/use-photo-uploads';
import { Field, FormShell } from './FormShell';
import type { SupplierItem } from './types';
import { useRecordEntry } from './use-record-entry';

export function PurchaseForm() {
  const { t } = useTranslation('ledgers');
  const suppliers = useLiveQuery<{ items: SupplierItem[] }>('/api/ledgers/suppliers');
  const { submit, saving, error } = useRecordEntry('purchase');
  const certificate = usePhotoUploads();
  const invoice = usePhotoUploads();
  const [supplier, setSupplier] = useState('');
  const [goods, setGoods] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('kg');
  const [number, setNumber] = useState('');
  const known = suppliers.data?.items.filter((item) => item.active) ?? [];
  const hasCertificate = number.trim() !== '' || certificate.attachmentIds.length > 0;
  const save = () => {
    const supplierId = known.find((item) => item.name === supplier.trim())?.id;
    void submit(
      {
        supplierName: supplier,
        ...(supplierId ? { supplierId } : {}),
        goods: [{ name: goods, quantity: Number(quantity), unit }],
        ...(number.trim() ? { certificateNumber: number } : {}),
        ...(certificate.attachmentIds[0] ? { certificatePhotoId: certificate.attachmentIds[0] } : {}),
        ...(invoice.attachmentIds[0] ? { invoicePhotoId: invoice.attachmentIds[0] } : {}),
      },
      [...certificate.attachmentIds, ...invoice.attachmentIds],
    );
  };
  return (
    <FormShell kind="purchase" saving={saving} error={error} canSave={!certificate.busy && !invoice.busy} onSubmit={save}>
      <Field label={t('purchase.supplier')}>
        <input list="ledger-suppliers" value={supplier} onChange={(event) => setSupplier(event.target.value)} required maxLength={100} />
      </Field>
      <datalist id="ledger-suppliers">
        {known.map((item) => (
          <option key={item.id} value={item.name} />
        ))}
      </datalist>
      <Field label={t('purchase.goods')}>
        <input value={goods} onChange={(event) => setGoods(event.target.value)} required maxLength={100} />
      </Field>
      <div className="ledger-row">
        <Field label={t('purchase.quantity')}>
          <input
            type="number"
            inputMode="decimal"
            min={0.01}
            step="any"
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            required
          />
        </Field>
        <Field label={t('purchase.unit')}>
          <input value={unit} onChange={(event) => setUnit(event.target.value)} required maxLength={10} />
        </Field>
      </div>
      <Field label={t('purchase.certificateNumber')}>
        <input value={number} onChange={(event) => setNumber(event.target.value)} maxLength={100} />
      </Field>
      <h2 className="ledger-subtitle">{t('purchase.certificatePhoto')}</h2>
      <PhotoPicker uploads={certificate} disabled={saving} />
      <h2 className="ledger-subtitle">{t('purchase.invoicePhoto')}</h2>
      <PhotoPicker uploads={invoice} disabled={saving} />
      {!hasCertificate && <p className="ledger-hint">{t('purchase.needCertificate')}</p>}
    </FormShell>
  );
}
