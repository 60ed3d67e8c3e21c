// 索证索票: a purchase with the supplier, the goods, and the certificate (number or photo) and invoice photos.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../../hooks/use-live-query';
import { usePhotoUploads } from '../school/use-photo-uploads';
import { EntryForm, EntryPhotos, NumberField, TextField } from './FormShell';
import type { SupplierItem } from './types';

export function PurchaseForm() {
  const { t } = useTranslation('ledgers');
  const suppliers = useLiveQuery<{ items: SupplierItem[] }>('/api/ledgers/suppliers');
  const certificate = usePhotoUploads();
  const invoice = usePhotoUploads();
  const [supplier, setSupplier] = useState('');
  const [goods, setGoods] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('kg');
  const [number, setNumber] = useState('');
  const known = suppliers.data?.items.filter((item) => item.active) ?? [];
  const hasCertificate = number.trim() !== '' || certificate.attachmentIds.length > 0;
  const entry = () => {
    const supplierId = known.find((item) => item.name === supplier.trim())?.id;
    return {
      payload: {
        supplierName: supplier,
        ...(supplierId ? { supplierId } : {}),
        goods: [{ name: goods, quantity: Number(quantity), unit }],
        ...(number.trim() ? { certificateNumber: number } : {}),
        ...(certificate.attachmentIds[0] ? { certificatePhotoId: certificate.attachmentIds[0] } : {}),
        ...(invoice.attachmentIds[0] ? { invoicePhotoId: invoice.attachmentIds[0] } : {}),
      },
      attachmentIds: [...certificate.attachmentIds, ...invoice.attachmentIds],
    };
  };
  return (
    <EntryForm kind="purchase" canSave={!certificate.busy && !invoice.busy} entry={entry}>
      <TextField label={t('purchase.supplier')} list="ledger-suppliers" value={supplier} onChange={setSupplier} maxLength={100} />
      <datalist id="ledger-suppliers">
        {known.map((item) => (
          <option key={item.id} value={item.name} />
        ))}
      </datalist>
      <TextField label={t('purchase.goods')} value={goods} onChange={setGoods} maxLength={100} />
      <div className="ledger-row">
        <NumberField label={t('purchase.quantity')} value={quantity} onChange={setQuantity} min={0.01} decimal />
        <TextField label={t('purchase.unit')} value={unit} onChange={setUnit} maxLength={10} />
      </div>
      <TextField label={t('purchase.certificateNumber')} value={number} onChange={setNumber} maxLength={100} required={false} />
      <EntryPhotos title={t('purchase.certificatePhoto')} uploads={certificate} />
      <EntryPhotos title={t('purchase.invoicePhoto')} uploads={invoice} />
      {!hasCertificate && <p className="ledger-hint">{t('purchase.needCertificate')}</p>}
    </EntryForm>
  );
}
