// The relays' storage for the city administrator (GET /api/system/storage): refetched when a relay stops or
// resumes recording (its system_alert event), and every half minute for the figures no event announces.
import type { StorageOverview } from '../../api/types';
import { useLiveQuery } from '../../hooks/use-live-query';

export const STORAGE_PATH = '/api/system/storage';

export const useStorageOverview = (enabled = true) =>
  useLiveQuery<StorageOverview>(STORAGE_PATH, undefined, { refreshOn: ['system_alert.'], intervalMs: 30_000, enabled });
