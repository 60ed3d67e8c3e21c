// The emergency reports (应急直报) a city or county user has not yet acknowledged (知悉). Acknowledgements are
// kept on the server per user: those of the last week are read once from the alerts the reports raised, asking
// only for the ones this user has not acknowledged (so a report filed while this screen was closed shows when
// it opens, and one acknowledged on another screen does not); each new one arrives as its `alert.raised` event,
// and one this user acknowledges anywhere (on this screen or another of the command room) is dropped as its
// `alert.acknowledged` event arrives. Events missed while the socket was down are replayed by the socket's
// resume from the last sequence seen; when the server says there was too much to replay (a resync), the list
// is read again.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Alert, AlertPage, EventMessage } from '../../api/types';
import { useEvents, useRealtimeState } from '../../hooks/use-realtime';

export interface EmergencyReport {
  /** The ledger entry of the report. */
  id: string;
  /** The alert the report raised: what is acknowledged. */
  alertId: string;
  schoolId: string;
  schoolName: string;
  countyName: string;
  type: string;
  affected: number;
  description: string;
  reportedAt: string;
}

const LOOK_BACK_MS = 7 * 86_400_000;

function fromAlert(alert: Alert): EmergencyReport | null {
  if (alert.category !== 'emergency_report') return null;
  const details = (alert.details ?? {}) as { ledgerEntryId?: string; type?: string; affected?: number };
  if (!details.ledgerEntryId) return null;
  return {
    id: details.ledgerEntryId,
    alertId: alert.id,
    schoolId: alert.school.id,
    schoolName: alert.school.name,
    countyName: alert.county.name,
    type: details.type ?? 'other',
    affected: details.affected ?? 0,
    description: alert.summary ?? '',
    reportedAt: alert.firstSeenAt,
  };
}

const isReport = (report: EmergencyReport | null): report is EmergencyReport => report !== null;

/** Newest first, each report once. */
function merge(current: EmergencyReport[], more: EmergencyReport[]): EmergencyReport[] {
  const byId = new Map(current.map((report) => [report.id, report]));
  for (const report of more) if (!byId.has(report.id)) byId.set(report.id, report);
  return [...byId.values()].sort((a, b) => b.reportedAt.localeCompare(a.reportedAt));
}

export function useEmergencyReports(userId: string | null) {
  const [reports, setReports] = useState<EmergencyReport[]>([]);
  // Alerts this user acknowledged since the list was read (here, or on another screen as its event arrives).
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());

  // Read again after a resync: the server had too much to replay, so reports may have been missed.
  const { resyncs } = useRealtimeState();
  // Reports that arrived as events while the list was being read: the list may not have them yet.
  const arrivedWhileReading = useRef(new Set<string>());

  useEffect(() => {
    setReports([]);
    setAcknowledged(new Set());
  }, [userId]);

  useEffect(() => {
    if (!userId) return;
    let live = true;
    const from = new Date(Date.now() - LOOK_BACK_MS).toISOString();
    arrivedWhileReading.current = new Set();
    api
      .get<AlertPage>('/api/alerts', { category: 'emergency_report', from, unacknowledged: 'true', pageSize: 100 })
      .then((page) => {
        const found = page.items.map(fromAlert).filter(isReport);
        // The list replaces what was shown (a report acknowledged on another screen while the socket was
        // down is no longer in it), keeping only what arrived live meanwhile.
        const arrived = arrivedWhileReading.current;
        if (live)
          setReports((current) =>
            merge(
              found,
              current.filter((report) => arrived.has(report.alertId)),
            ),
          );
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [userId, resyncs]);

  const drop = useCallback((alertIds: string[], dropped: boolean) => {
    setAcknowledged((current) => {
      const next = new Set(current);
      for (const id of alertIds) {
        if (dropped) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);

  useEvents(['alert.raised', 'alert.acknowledged'], (events: EventMessage[]) => {
    if (!userId) return;
    const raised = events.filter((event) => event.type === 'alert.raised').map((event) => fromAlert(event.data as Alert));
    const reports = raised.filter(isReport);
    for (const report of reports) arrivedWhileReading.current.add(report.alertId);
    if (reports.length > 0) setReports((current) => merge(current, reports));
    const mine = events
      .filter((event) => event.type === 'alert.acknowledged' && event.data.userId === userId)
      .map((event) => event.subject.id);
    if (mine.length > 0) drop(mine, true);
  });

  const acknowledge = useCallback(
    (report: EmergencyReport) => {
      if (!userId) return;
      // Gone at once; back if the server did not take it, so a report is never silently lost.
      drop([report.alertId], true);
      api.post(`/api/alerts/${report.alertId}/acknowledge`).catch(() => drop([report.alertId], false));
    },
    [userId, drop],
  );

  return { pending: reports.filter((report) => !acknowledged.has(report.alertId)), acknowledge };
}
