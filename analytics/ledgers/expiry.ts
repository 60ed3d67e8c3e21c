// Licences and health certificates: expired (past their last valid day), or expiring (within the warning
// period, the last valid day included). The two are distinct warnings with distinct keys, so an expiring
// certificate warns once while it is expiring and once more when it has expired. None on record counts as
// expired: a canteen may not run, nor a person handle food, without one.
import { assertCalendarDate, daysBetween, type CalendarDate } from '../calendar';
import type { LedgerWarningCategory } from './categories';
import type { RuleContext } from './context';
import type { LedgerWarning, LicenceRecord, StaffRecord } from './types';
import { days, ledgerWarning } from './warning';

type ExpiryState =
  { state: 'missing' } | { state: 'expired'; daysAgo: number } | { state: 'expiring'; daysLeft: number } | { state: 'valid' };

/** `expiry` is the last valid day: it is expired from the next day on, and expiring within `withinDays` of it. */
export function expiryState(expiry: CalendarDate | null, today: CalendarDate, withinDays: number): ExpiryState {
  if (expiry === null) return { state: 'missing' };
  const daysLeft = daysBetween(today, assertCalendarDate(expiry, 'expiry'));
  if (daysLeft < 0) return { state: 'expired', daysAgo: -daysLeft };
  if (daysLeft <= withinDays) return { state: 'expiring', daysLeft };
  return { state: 'valid' };
}

interface Expiring {
  expiry: CalendarDate | null;
  categories: { expiring: LedgerWarningCategory; expired: LedgerWarningCategory };
  /** Key parts before the expiry date. */
  keyParts: string[];
  subject: LedgerWarning['subject'];
  /** What expires, as a sentence begins: '供应商「…」的许可证（…）', "The supplier …'s licence …". */
  what: { zh: string; en: string };
  /** The message when no expiry is on record. */
  missing: { zh: string; en: string };
  details: LedgerWarning['details'];
}

function expiryWarnings(item: Expiring, ctx: RuleContext): LedgerWarning[] {
  const status = expiryState(item.expiry, ctx.today, ctx.expiringWithinDays);
  const { what, categories } = item;
  switch (status.state) {
    case 'valid':
      return [];
    case 'missing':
      return [
        ledgerWarning(categories.expired, [...item.keyParts, 'none'], item.subject, item.missing, { ...item.details, missing: true }),
      ];
    case 'expired':
      return [
        ledgerWarning(
          categories.expired,
          [...item.keyParts, item.expiry!],
          item.subject,
          {
            zh: `${what.zh}有效期至 ${item.expiry}，已过期 ${status.daysAgo} 天`,
            en: `${what.en} was valid until ${item.expiry}: expired ${days(status.daysAgo)} ago`,
          },
          { ...item.details, expiry: item.expiry!, daysExpired: status.daysAgo },
        ),
      ];
    case 'expiring':
      return [
        ledgerWarning(
          categories.expiring,
          [...item.keyParts, item.expiry!],
          item.subject,
          {
            zh: `${what.zh}有效期至 ${item.expiry}，${status.daysLeft === 0 ? '今天是最后有效日' : `还剩 ${status.daysLeft} 天`}`,
            en: `${what.en} is valid until ${item.expiry}: ${status.daysLeft === 0 ? 'today is its last valid day' : `${days(status.daysLeft)} left`}`,
          },
          { ...item.details, expiry: item.expiry!, daysLeft: status.daysLeft },
        ),
      ];
  }
}

const HOLDER = { canteen: { zh: '食堂', en: 'canteen' }, supplier: { zh: '供应商', en: 'supplier' } } as const;
const LICENCE = { expiring: 'licence_expiring', expired: 'licence_expired' } as const;
const HEALTH_CERT = { expiring: 'health_cert_expiring', expired: 'health_cert_expired' } as const;

export function licenceWarnings(licences: readonly LicenceRecord[], ctx: RuleContext): LedgerWarning[] {
  return licences.flatMap((licence) => {
    const holder = HOLDER[licence.holder];
    const what = {
      zh: `${holder.zh}「${licence.holderName}」的许可证（${licence.number}）`,
      en: `The ${holder.en} ${licence.holderName}'s licence ${licence.number}`,
    };
    return expiryWarnings(
      {
        expiry: licence.expiry,
        categories: LICENCE,
        // The holder is in the key: a canteen's id and a supplier's id come from different tables.
        keyParts: [licence.holder, licence.id],
        subject: { ledger: 'licences', id: licence.id, holder: licence.holder },
        what,
        missing: { zh: `${what.zh}未登记有效期`, en: `${what.en} has no expiry date on record` },
        details: { holder: licence.holder, holderName: licence.holderName, number: licence.number },
      },
      ctx,
    );
  });
}

export function healthCertificateWarnings(staff: readonly StaffRecord[], ctx: RuleContext): LedgerWarning[] {
  return staff.flatMap((person) =>
    expiryWarnings(
      {
        expiry: person.healthCertExpiry,
        categories: HEALTH_CERT,
        keyParts: [person.id],
        subject: { ledger: 'staff', id: person.id },
        what: { zh: `从业人员「${person.name}」的健康证`, en: `${person.name}'s health certificate` },
        missing: { zh: `从业人员「${person.name}」无健康证记录`, en: `${person.name} has no health certificate on record` },
        details: { name: person.name, ...(person.healthCertNumber ? { number: person.healthCertNumber } : {}) },
      },
      ctx,
    ),
  );
}
