// Licences and health certificates: expired (past their last valid day), or expiring (within the warning
// period, the last valid day included). The two are distinct warnings with distinct keys, so an expiring
// certificate warns once while it is expiring and once more when it has expired.
import { assertCalendarDate, daysBetween, type CalendarDate } from '../calendar';
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

const HOLDER = { canteen: { zh: '食堂', en: 'canteen' }, supplier: { zh: '供应商', en: 'supplier' } } as const;

export function licenceWarnings(licences: readonly LicenceRecord[], ctx: RuleContext): LedgerWarning[] {
  const warnings: LedgerWarning[] = [];
  for (const licence of licences) {
    const status = expiryState(licence.expiry, ctx.today, ctx.expiringWithinDays);
    const holder = HOLDER[licence.holder];
    const subject = { ledger: 'licences', id: licence.id, holder: licence.holder } as const;
    const whose = {
      zh: `${holder.zh}「${licence.holderName}」的许可证（${licence.number}）`,
      en: `${holder.en} ${licence.holderName}'s licence ${licence.number}`,
    };
    const base = { holder: licence.holder, holderName: licence.holderName, number: licence.number };
    if (status.state === 'missing') {
      warnings.push(
        ledgerWarning(
          'licence_expired',
          [licence.holder, licence.id, 'none'],
          subject,
          { zh: `${whose.zh}未登记有效期`, en: `The ${whose.en} has no expiry date on record` },
          { ...base, missing: true },
        ),
      );
    } else if (status.state === 'expired') {
      warnings.push(
        ledgerWarning(
          'licence_expired',
          [licence.holder, licence.id, licence.expiry!],
          subject,
          {
            zh: `${whose.zh}有效期至 ${licence.expiry}，已过期 ${status.daysAgo} 天`,
            en: `The ${whose.en} was valid until ${licence.expiry}: expired ${days(status.daysAgo)} ago`,
          },
          { ...base, expiry: licence.expiry!, daysExpired: status.daysAgo },
        ),
      );
    } else if (status.state === 'expiring') {
      warnings.push(
        ledgerWarning(
          'licence_expiring',
          [licence.holder, licence.id, licence.expiry!],
          subject,
          {
            zh: `${whose.zh}有效期至 ${licence.expiry}，${remainingZh(status.daysLeft)}`,
            en: `The ${whose.en} is valid until ${licence.expiry}: ${remainingEn(status.daysLeft)}`,
          },
          { ...base, expiry: licence.expiry!, daysLeft: status.daysLeft },
        ),
      );
    }
  }
  return warnings;
}

export function healthCertificateWarnings(staff: readonly StaffRecord[], ctx: RuleContext): LedgerWarning[] {
  const warnings: LedgerWarning[] = [];
  for (const person of staff) {
    const status = expiryState(person.healthCertExpiry, ctx.today, ctx.expiringWithinDays);
    const subject = { ledger: 'staff', id: person.id } as const;
    const base = { name: person.name, ...(person.healthCertNumber ? { number: person.healthCertNumber } : {}) };
    const expiry = person.healthCertExpiry!;
    if (status.state === 'missing') {
      warnings.push(
        ledgerWarning(
          'health_cert_expired',
          [person.id, 'none'],
          subject,
          { zh: `从业人员「${person.name}」无健康证记录`, en: `${person.name} has no health certificate on record` },
          { ...base, missing: true },
        ),
      );
    } else if (status.state === 'expired') {
      warnings.push(
        ledgerWarning(
          'health_cert_expired',
          [person.id, expiry],
          subject,
          {
            zh: `从业人员「${person.name}」的健康证有效期至 ${expiry}，已过期 ${status.daysAgo} 天`,
            en: `${person.name}'s health certificate was valid until ${expiry}: expired ${days(status.daysAgo)} ago`,
          },
          { ...base, expiry, daysExpired: status.daysAgo },
        ),
      );
    } else if (status.state === 'expiring') {
      warnings.push(
        ledgerWarning(
          'health_cert_expiring',
          [person.id, expiry],
          subject,
          {
            zh: `从业人员「${person.name}」的健康证有效期至 ${expiry}，${remainingZh(status.daysLeft)}`,
            en: `${person.name}'s health certificate is valid until ${expiry}: ${remainingEn(status.daysLeft)}`,
          },
          { ...base, expiry, daysLeft: status.daysLeft },
        ),
      );
    }
  }
  return warnings;
}

const remainingZh = (daysLeft: number) => (daysLeft === 0 ? '今天是最后有效日' : `还剩 ${daysLeft} 天`);
const remainingEn = (daysLeft: number) => (daysLeft === 0 ? 'today is its last valid day' : `${days(daysLeft)} left`);
