// The shapes of the ledger API (server/ledgers/schemas.ts) as the pages use them.
import type { LedgerKind } from '../../../../../analytics/ledgers/kinds';

export { LEDGER_KINDS, type LedgerKind } from '../../../../../analytics/ledgers/kinds';

export interface LedgerEntry {
  id: string;
  schoolId: string;
  kind: LedgerKind;
  entryDate: string;
  payload: Record<string, unknown>;
  attachmentIds: string[];
  createdBy: string | null;
  createdAt: string;
  version: number;
}

export interface LedgerWarning {
  key: string;
  category: string;
  severity: 'low' | 'medium' | 'high';
  message: { zh: string; en: string };
}

export interface Counts {
  required: number;
  present: number;
  rate: number;
}

export interface Completeness {
  from: string;
  to: string;
  total: Counts;
  counties: Array<Counts & { code: string; name: string; schools: number }>;
  schools: Array<Counts & { id: string; name: string; county: { code: string; name: string } }>;
}

export interface StaffMember {
  id: string;
  name: string;
  active: boolean;
}

export interface SupplierItem {
  id: string;
  name: string;
  active: boolean;
}
