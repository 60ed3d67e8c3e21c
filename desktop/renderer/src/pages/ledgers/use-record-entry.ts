// Saving one ledger entry from a form: one idempotency key per form, so a retry after a lost answer records
// nothing twice; on success the ledgers' queries refresh and the school's home shows what was saved.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, idempotencyKey } from '../../api/client';
import type { LedgerEntry, LedgerKind } from './types';

/** What a form records: the entry's payload and the photos that go with it. */
export interface NewEntry {
  payload: Record<string, unknown>;
  attachmentIds?: string[];
}

export function useRecordEntry(kind: LedgerKind) {
  const [key] = useState(idempotencyKey);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const client = useQueryClient();
  const navigate = useNavigate();
  const submit = async ({ payload, attachmentIds = [] }: NewEntry) => {
    setSaving(true);
    setError(null);
    try {
      await api.post<LedgerEntry>('/api/ledgers/entries', { kind, payload, attachmentIds, idempotencyKey: key });
      await client.invalidateQueries();
      void navigate(`/ledgers?saved=${kind}`);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };
  return { submit, saving, error };
}
