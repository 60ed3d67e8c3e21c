// 从业人员与供应商 (#/ledgers/staff): the school keeps its staff's health certificates and its suppliers'
// licences current; expired ones are what the ledger warnings alert the county about. Both registers are the
// same shape (a list with each one's expiry, renewed in place or ended, and a form to add one), drawn by one
// Register component from a description of each.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Register, type RegisterSpec } from './Register';

interface StaffRow {
  id: string;
  name: string;
  position: string;
  healthCertNumber: string | null;
  healthCertExpiry: string | null;
  active: boolean;
  version: number;
}

interface SupplierRow {
  id: string;
  name: string;
  licenceNumber: string | null;
  licenceExpiry: string | null;
  active: boolean;
  version: number;
}

const STAFF: RegisterSpec<StaffRow> = {
  testId: 'staff-register',
  path: '/api/ledgers/staff',
  title: 'staff.people',
  none: 'staff.none',
  add: 'staff.add',
  fields: [
    { key: 'name', label: 'staff.name', maxLength: 50, required: true },
    { key: 'position', label: 'staff.position', maxLength: 50, required: true },
    { key: 'healthCertNumber', label: 'staff.certNumber', maxLength: 50 },
    { key: 'healthCertExpiry', label: 'staff.certExpiry', type: 'date' },
  ],
  expiryKey: 'healthCertExpiry',
  describe: (person) => [person.position, person.healthCertNumber ?? '—'],
};

const SUPPLIERS: RegisterSpec<SupplierRow> = {
  testId: 'supplier-register',
  path: '/api/ledgers/suppliers',
  title: 'staff.suppliers',
  none: 'staff.noSuppliers',
  add: 'staff.addSupplier',
  fields: [
    { key: 'name', label: 'staff.supplierName', maxLength: 100, required: true },
    { key: 'licenceNumber', label: 'staff.licenceNumber', maxLength: 50 },
    { key: 'licenceExpiry', label: 'staff.licenceExpiry', type: 'date' },
  ],
  expiryKey: 'licenceExpiry',
  describe: (supplier) => [supplier.licenceNumber ?? '—'],
  ended: 'staff.stopSupplying',
};

export function RegistersPage() {
  const { t } = useTranslation('ledgers');
  return (
    <>
      <Link to="/ledgers" className="ledger-back">
        ‹ {t('form.back')}
      </Link>
      <h1 className="school-title">{t('staff.title')}</h1>
      <Register spec={STAFF} />
      <Register spec={SUPPLIERS} />
    </>
  );
}
