// One patrol of one canteen in progress: an answer per checklist point (pass, fail or not applicable, with a
// note; a failed point needs one), the snapshots taken from its cameras and which point each belongs to, and
// the submission (POST /api/patrol/records, with an idempotency key so a retried click records once).
import { useMemo, useRef, useState } from 'react';
import { api, idempotencyKey } from '../../api/client';
import type { CapturedSnapshot, Checklist, PatrolRecord } from '../../api/types';

export type AnswerResult = 'pass' | 'fail' | 'na';
export interface Answer {
  result?: AnswerResult;
  note: string;
}

export interface PatrolSnapshot extends CapturedSnapshot {
  cameraName: string;
  /** The point it documents (the one being answered when it was taken); null: the first failed point. */
  item: string | null;
}

/** The server keeps at most this many snapshots per point. */
const SNAPSHOTS_PER_POINT = 6;

export type ChecklistItem = Checklist['content']['sections'][number]['items'][number];

export function usePatrolForm(canteenId: string, checklist: Checklist) {
  const items = useMemo<ChecklistItem[]>(() => checklist.content.sections.flatMap((section) => section.items), [checklist]);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [snapshots, setSnapshots] = useState<PatrolSnapshot[]>([]);
  const [note, setNote] = useState('');
  const [active, setActive] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [record, setRecord] = useState<PatrolRecord | null>(null);
  const startedAt = useRef(new Date().toISOString());
  const key = useRef(idempotencyKey());

  const answerOf = (code: string): Answer => answers[code] ?? { note: '' };
  const unanswered = items.filter((item) => !answerOf(item.code).result).length;
  const failed = items.filter((item) => answerOf(item.code).result === 'fail');
  const missingNotes = failed.filter((item) => !answerOf(item.code).note.trim()).length;

  const setAnswer = (code: string, patch: Partial<Answer>) => {
    setActive(code);
    setAnswers((previous) => ({ ...previous, [code]: { ...(previous[code] ?? { note: '' }), ...patch } }));
  };

  const submit = async () => {
    if (unanswered > 0 || missingNotes > 0 || submitting) return;
    setSubmitting(true);
    setFailure(null);
    const fallback = failed[0]?.code ?? items[0]!.code;
    const pictures = new Map<string, string[]>();
    for (const shot of snapshots) {
      const point = shot.item ?? fallback;
      const list = pictures.get(point) ?? [];
      if (list.length < SNAPSHOTS_PER_POINT) list.push(shot.id);
      pictures.set(point, list);
    }
    try {
      const saved = await api.post<PatrolRecord>('/api/patrol/records', {
        canteenId,
        checklistId: checklist.id,
        answers: items.map((item) => {
          const answer = answerOf(item.code);
          const text = answer.note.trim();
          return {
            item: item.code,
            result: answer.result!,
            ...(text ? { note: text } : {}),
            ...(pictures.has(item.code) ? { snapshotIds: pictures.get(item.code) } : {}),
          };
        }),
        ...(note.trim() ? { note: note.trim() } : {}),
        startedAt: startedAt.current,
        idempotencyKey: key.current,
      });
      setRecord(saved);
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  return {
    items,
    answerOf,
    setAnswer,
    passRest: () =>
      setAnswers((previous) => {
        const next = { ...previous };
        for (const item of items) if (!next[item.code]?.result) next[item.code] = { note: next[item.code]?.note ?? '', result: 'pass' };
        return next;
      }),
    active,
    setActive,
    snapshots,
    addSnapshot: (shot: CapturedSnapshot, cameraName: string) =>
      setSnapshots((previous) => [...previous, { ...shot, cameraName, item: active }]),
    linkSnapshot: (id: string, item: string | null) =>
      setSnapshots((previous) => previous.map((shot) => (shot.id === id ? { ...shot, item } : shot))),
    removeSnapshot: (id: string) => setSnapshots((previous) => previous.filter((shot) => shot.id !== id)),
    note,
    setNote,
    unanswered,
    failedCount: failed.length,
    missingNotes,
    submit,
    submitting,
    failure,
    record,
  };
}

export type PatrolForm = ReturnType<typeof usePatrolForm>;
