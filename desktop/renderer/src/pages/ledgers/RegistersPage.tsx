// 从业人员与供应商 (#/ledgers/staff): the school keeps its staff's health certificates and its suppliers'
// licences current; expired ones are what the ledger warnings alert the county about.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { shanghaiToday } from '../../format/time';
import { useLiveQuery } from '../../hooks/use-live-query';
import { Field } from './FormShell';

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

/** Runs a write, refreshes the registers, and reports a failure in words. */
function useWrite() {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const run = async (write: () => Promise<unknown>) => {
    setError(null);
    try {
      await write();
      await client.invalidateQueries();
      return true;
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
      return false;
    }
  };
  return { run, error };
}

function Expiry({ date }: { date: string | null }) {
  const { t } = useTranslation('ledgers');
  const expired = !date || date < shanghaiToday();
  return (
    <span className={expired ? 'rate-bad' : 'school-ok'}>
      {date ? `${date}${expired ? ` · ${t('staff.expired')}` : ''}` : t('staff.expired')}
    </span>
  );
}

function StaffSection() {
  const { t } = useTranslation('ledgers');
  const staff = useLiveQuery<{ items: StaffRow[] }>('/api/ledgers/staff', undefined, { refreshOn: ['ledger.'] });
  const { run, error } = useWrite();
  const [name, setName] = useState('');
  const [position, setPosition] = useState('');
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(() =>
      api.post('/api/ledgers/staff', {
        name,
        position,
        ...(number.trim() ? { healthCertNumber: number } : {}),
        ...(expiry ? { healthCertExpiry: expiry } : {}),
      }),
    ).then((ok) => {
      if (ok) [setName, setPosition, setNumber, setExpiry].forEach((set) => set(''));
    });
  };
  const active = staff.data?.items.filter((person) => person.active) ?? [];
  return (
    <section className="ledger-card" data-testid="staff-register">
      <h2 className="ledger-subtitle">{t('staff.people')}</h2>
      {staff.isSuccess && active.length === 0 && <p className="muted">{t('staff.none')}</p>}
      <ul className="ledger-entries">
        {active.map((person) => (
          <li key={person.id}>
            <strong>{person.name}</strong> {person.position} · {person.healthCertNumber ?? '—'} · <Expiry date={person.healthCertExpiry} />
            <div className="ledger-row">
              <input
                type="date"
                aria-label={`${t('staff.renew')} ${person.name}`}
                defaultValue={person.healthCertExpiry ?? ''}
                onChange={(event) =>
                  event.target.value &&
                  void run(() =>
                    api.patch(`/api/ledgers/staff/${person.id}`, { version: person.version, healthCertExpiry: event.target.value }),
                  )
                }
              />
              <button
                type="button"
                onClick={() => void run(() => api.patch(`/api/ledgers/staff/${person.id}`, { version: person.version, active: false }))}
              >
                {t('staff.leave')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form className="ledger-form" onSubmit={add}>
        <Field label={t('staff.name')}>
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={50} />
        </Field>
        <Field label={t('staff.position')}>
          <input value={position} onChange={(event) => setPosition(event.target.value)} required maxLength={50} />
        </Field>
        <Field label={t('staff.certNumber')}>
          <input value={number} onChange={(event) => setNumber(event.target.value)} maxLength={50} />
        </Field>
        <Field label={t('staff.certExpiry')}>
          <input type="date" value={expiry} onChange={(event) => setExpiry(event.target.value)} />
        </Field>
        {error && <p className="school-alert">{error}</p>}
        <button type="submit" className="primary">
          {t('staff.add')}
        </button>
      </form>
    </section>
  );
}

function SupplierSection() {
  const { t } = useTranslation('ledgers');
  const suppliers = useLiveQuery<{ items: SupplierRow[] }>('/api/ledgers/suppliers', undefined, { refreshOn: ['ledger.'] });
  const { run, error } = useWrite();
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(() =>
      api.post('/api/ledgers/suppliers', {
        name,
        ...(number.trim() ? { licenceNumber: number } : {}),
        ...(expiry ? { licenceExpiry: expiry } : {}),
      }),
    ).then((ok) => {
      if (ok) [setName, setNumber, setExpiry].forEach((set) => set(''));
    });
  };
  const active = suppliers.data?.items.filter((supplier) => supplier.active) ?? [];
  return (
    <section className="ledger-card" data-testid="supplier-register">
      <h2 className="ledger-subtitle">{t('staff.suppliers')}</h2>
      {suppliers.isSuccess && active.length === 0 && <p className="muted">{t('staff.noSuppliers')}</p>}
      <ul className="ledger-entries">
        {active.map((supplier) => (
          <li key={supplier.id}>
            <strong>{supplier.name}</strong> · {supplier.licenceNumber ?? '—'} · <Expiry date={supplier.licenceExpiry} />
          </li>
        ))}
      </ul>
      <form className="ledger-form" onSubmit={add}>
        <Field label={t('staff.supplierName')}>
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
        </Field>
        <Field label={t('staff.licenceNumber')}>
          <input value={number} onChange={(event) => setNumber(event.target.value)} maxLength={50} />
        </Field>
        <Field label={t('staff.licenceExpiry')}>
          <input type="date" value={expiry} onChange={(event) => setExpiry(event.target.value)} />
        </Field>
        {error && <p className="school-alert">{error}</p>}
        <button type="submit" className="primary">
          {t('staff.addSupplier')}
        </button>
      </form>
    </section>
  );
}

export function RegistersPage() {
  const { t } = useTranslation('ledgers');
  return (
    <>
      <Link to="/ledgers" className="ledger-back">
        ‹ {t('form.back')}
      </Link>
      <h1 className="school-title">{t('staff.title')}</h1>
      <StaffSection />
      <SupplierSection />
    </>
  );
}
