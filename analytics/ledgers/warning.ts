// Builds a warning with its category's severity, so that no rule picks a severity of its own.
import { LEDGER_WARNING_CATEGORIES, type LedgerWarningCategory } from './categories';
import type { LedgerWarning } from './types';

export function ledgerWarning(
  category: LedgerWarningCategory,
  keyParts: readonly (string | number)[],
  subject: LedgerWarning['subject'],
  message: LedgerWarning['message'],
  details: LedgerWarning['details'],
): LedgerWarning {
  return {
    key: [category, ...keyParts].join(':'),
    category,
    severity: LEDGER_WARNING_CATEGORIES[category].severity,
    subject,
    message,
    details,
  };
}

/** "1 day", "3 days". */
export const days = (count: number) => `${count} ${count === 1 ? 'day' : 'days'}`;
