// The system alert of a relay's recordings (storage_low): raised when a relay's heartbeat says it stopped
// recording at its free-disk floor, resolved when one says it records again. It concerns the platform, not a
// canteen, so it is not a row of the alerts table, where every alert names a school and counts in the schools'
// and counties' figures (assessment, bulletins, the big screen's alert counts). Its state is the relay's last
// report (relays.storage, shown by GET /api/system/storage); each change is an event for the staff of every
// city whose cameras the relay may record, and a line in the audit log.
import type { Knex } from 'knex';
import type { StorageReport } from '../../stream-relay/protocol';
import { SYSTEM_ALERT_CATEGORIES } from '../alerts/categories';
import { whereWithin } from '../db/scope';
import type { UnitOfWork } from '../db/unit-of-work';

export type StorageAlertChange = 'raised' | 'resolved';

const CATEGORY = 'storage_low' as const;

/** What a new report changes: raised when recording stopped, resolved when it resumed, else nothing. */
export function storageAlertChange(previous: StorageReport | null, next: StorageReport | undefined): StorageAlertChange | null {
  if (!next) return null;
  const wasPaused = previous?.recordingPaused ?? false;
  if (next.recordingPaused && !wasPaused) return 'raised';
  if (!next.recordingPaused && wasPaused) return 'resolved';
  return null;
}

/**
 * Who hears of it: the relay's own jurisdiction and its ancestors, and, for a relay above the cities (a
 * province's), each city under it — not the counties and schools, for whom a relay's disk is nobody's task.
 */
async function audienceOf(trx: Knex, relayScopePath: string): Promise<string[]> {
  const cities = (await whereWithin(trx('jurisdictions'), 'path', relayScopePath).where('level', 'city').select('path')) as Array<{
    path: string;
  }>;
  return [relayScopePath, ...cities.map((city) => city.path).filter((path) => path !== relayScopePath)];
}

export async function announceStorageAlert(
  uow: UnitOfWork,
  relay: { id: string; scopePath: string },
  change: StorageAlertChange,
  storage: StorageReport,
): Promise<void> {
  const { zh, severity } = SYSTEM_ALERT_CATEGORIES[CATEGORY];
  const facts = {
    category: CATEGORY,
    categoryName: zh,
    severity,
    relayId: relay.id,
    freeBytes: storage.freeBytes,
    minFreeBytes: storage.minFreeBytes,
    resumeFreeBytes: storage.resumeFreeBytes,
    pausedSince: storage.pausedSince,
  };
  uow.emit({
    type: `system_alert.${change}`,
    subject: { type: 'relay', id: relay.id },
    scopePaths: await audienceOf(uow.trx, relay.scopePath),
    payload: { ...facts, at: storage.checkedAt },
  });
  uow.audit({ action: `system_alert.${change}`, targetType: 'relay', targetId: relay.id, scopePath: relay.scopePath, details: facts });
}
