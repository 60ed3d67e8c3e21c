// A school records one ledger entry. The payload was validated for its kind by the route; here the references
// are checked (canteen of the school, photos of the school, the checklist's items), the entry is written once
// per idempotency key, and an emergency report goes straight to the county and the city as a high alert.
import { v7 as uuidv7 } from 'uuid';
import { shanghaiDateOf } from '../../../analytics/calendar';
import { raiseAlertWithin } from '../../alerts/commands/raiseAlerts';
import { bindAttachments } from '../../attachments/queries';
import type { DomainContext } from '../../context';
import { onceMoreOnUniqueViolation } from '../../db/errors';
import { runInTransaction } from '../../db/unit-of-work';
import { invalidInput, notFound } from '../../errors';
import type { Caller } from '../../policy/actor';
import { itemsOf } from '../../patrol/checklists/content';
import { getChecklist } from '../../patrol/queries';
import { regradeSchools } from '../../risk/commands/regradeSchools';
import type { LedgerSchool } from '../queries';
import type { NewLedgerEntry } from '../schemas';
import { earlierEntry } from './earlier';
import { EMERGENCY_TYPE_NAMES_ZH } from '../../../analytics/ledgers/kinds';
import { assertHappened } from '../../time';

/** The day an entry is for: as given, else the day of the moment it records, else today. */
function entryDateOf(input: NewLedgerEntry, now: Date): string {
  if (input.entryDate) return input.entryDate;
  if (input.kind === 'food_sample') return shanghaiDateOf(input.payload.collectedAt);
  if (input.kind === 'emergency_report') return shanghaiDateOf(input.payload.occurredAt);
  return shanghaiDateOf(now);
}

/** The times an entry says something happened at must have passed. */
function assertTimesHappened(input: NewLedgerEntry, now: Date): void {
  if (input.kind === 'food_sample') {
    assertHappened(input.payload.collectedAt, now, 'payload.collectedAt');
    assertHappened(input.payload.discardedAt, now, 'payload.discardedAt');
  }
  if (input.kind === 'emergency_report') assertHappened(input.payload.occurredAt, now, 'payload.occurredAt');
}

/** Photos named in the payload belong with the entry's attachments. */
function photosOf(input: NewLedgerEntry): string[] {
  const named = input.kind === 'purchase' ? [input.payload.certificatePhotoId, input.payload.invoicePhotoId] : [];
  return [...new Set([...input.attachmentIds, ...named.filter((id): id is string => !!id)])];
}

export async function recordLedgerEntry(
  ctx: DomainContext,
  caller: Caller,
  school: LedgerSchool,
  input: NewLedgerEntry,
): Promise<{ id: string; replayed: boolean }> {
  assertTimesHappened(input, ctx.now());
  const result = await onceMoreOnUniqueViolation(
    () =>
      runInTransaction(ctx, caller, async (uow) => {
        const earlier = await earlierEntry(uow.trx, input.idempotencyKey, school.scope_path);
        if (earlier) return { id: earlier, replayed: true };
        const now = ctx.now();
        const entryDate = entryDateOf(input, now);
        if (entryDate > shanghaiDateOf(now)) throw invalidInput('An entry cannot be for a day still to come', { entryDate });
        if (input.canteenId) {
          const canteen = (await uow.trx('canteens').where({ id: input.canteenId, school_id: school.id }).first('id')) as
            object | undefined;
          if (!canteen) throw notFound('canteen');
        }
        if (input.kind === 'self_inspection') {
          const checklist = await getChecklist(uow.trx, input.payload.checklistId);
          if (!checklist || !checklist.active) throw notFound('checklist');
          const codes = itemsOf(checklist.content).map((item) => item.code);
          const answered = input.payload.answers.map((answer) => answer.item);
          const missing = codes.filter((code) => !answered.includes(code));
          const unknown = answered.filter((code) => !codes.includes(code));
          if (missing.length || unknown.length || new Set(answered).size !== answered.length) {
            throw invalidInput('Answer every item of the checklist exactly once', { missing, unknown });
          }
        }
        if (input.kind === 'purchase' && input.payload.supplierId) {
          const supplier = (await uow.trx('suppliers').where({ id: input.payload.supplierId, school_id: school.id }).first('id')) as
            object | undefined;
          if (!supplier) throw notFound('supplier');
        }
        const photos = photosOf(input);
        await bindAttachments(uow.trx, photos, school.scope_path, caller);

        const id = uuidv7();
        const actor = caller.actor;
        await uow.trx('ledger_entries').insert({
          id,
          school_id: school.id,
          canteen_id: input.canteenId ?? null,
          scope_path: school.scope_path,
          kind: input.kind,
          entry_date: entryDate,
          payload: JSON.stringify(input.payload),
          attachment_ids: photos,
          created_by: actor.kind === 'user' ? actor.id : null,
          created_at: now,
          idempotency_key: input.idempotencyKey ?? null,
        });

        if (input.kind === 'emergency_report') {
          const report = input.payload;
          const type = EMERGENCY_TYPE_NAMES_ZH[report.type];
          // A high alert on the county's and the city's desks, in the same transaction as the report.
          await raiseAlertWithin(uow, ctx, {
            source: 'ledger',
            category: 'emergency_report',
            schoolId: school.id,
            canteenId: input.canteenId,
            detectedAt: now.toISOString(),
            snapshotId: photos[0],
            summary: `${school.name}应急直报：${type}，涉及${report.affected}人。${report.description}`.slice(0, 500),
            details: { ledgerEntryId: id, type: report.type, affected: report.affected, occurredAt: report.occurredAt },
            idempotencyKey: `ledger:emergency:${id}`,
            foldSubject: id,
          });
          uow.emit({
            type: 'ledger.emergency_reported',
            subject: { type: 'ledger_entry', id },
            scopePaths: [school.scope_path],
            payload: {
              id,
              schoolId: school.id,
              schoolName: school.name,
              county: { code: school.county_code, name: school.county_name },
              type: report.type,
              affected: report.affected,
              occurredAt: report.occurredAt,
              description: report.description,
              measures: report.measures,
            },
          });
        }
        uow.emit({
          type: 'ledger.recorded',
          subject: { type: 'ledger_entry', id },
          scopePaths: [school.scope_path],
          payload: { id, schoolId: school.id, kind: input.kind, entryDate },
        });
        uow.audit({
          action: 'ledger.record',
          targetType: 'ledger_entry',
          targetId: id,
          scopePath: school.scope_path,
          details: { kind: input.kind },
        });
        return { id, replayed: false };
      }),
    'ledger_entries_idempotency_key_unique',
  );
  // Committed: the school's canteens are regraded (never fails the write).
  if (!result.replayed) await regradeSchools(ctx, [school.id]);
  return result;
}
