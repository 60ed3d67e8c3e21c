// Complaints (投诉举报) from the public, and their handling by operators: a complaint is answered with a
// tracking code, shows on the alert feed, and is either sent to the school as a task or closed with a reply.
import { createHash, randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { raiseAlertWithin } from '../../alerts/commands/raiseAlerts';
import { emitAlert } from '../../alerts/commands/triageAlert';
import { bindAttachments } from '../../attachments/queries';
import { isUniqueViolation } from '../../db/errors';
import { asSystem, runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import { PUBLIC, systemActor, type Caller, type UserActor } from '../../policy/actor';
import { createTasks } from '../../tasks/create-tasks';
import { resolveDeadline } from '../../tasks/commands/resolve';
import { COMPLAINT_CATEGORY_NAMES, type COMPLAINT_CATEGORIES } from '../schemas';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newTrackingCode(): string {
  let code = 'TS';
  for (let i = 0; i < 8; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The public's addresses are kept only as keyed hashes: enough to see repeated abuse, not to identify. */
export const hashIp = (secret: string, ip: string | undefined) =>
  ip ? createHash('sha256').update(`${secret}:${ip}`).digest('hex').slice(0, 32) : null;

export interface ComplaintInput {
  schoolId: string;
  category: (typeof COMPLAINT_CATEGORIES)[number];
  text: string;
  contact?: string | undefined;
  photoId?: string | undefined;
  ip?: string | undefined;
}

export async function submitComplaint(ctx: DomainContext, input: ComplaintInput): Promise<{ trackingCode: string }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await runInTransaction(ctx, { actor: PUBLIC, ip: input.ip }, async (uow) => {
        const school = (await uow.trx('schools').where({ id: input.schoolId }).first('id', 'name', 'scope_path')) as
          { id: string; name: string; scope_path: string } | undefined;
        if (!school) throw notFound('school');
        if (input.photoId) await bindAttachments(uow.trx, [input.photoId], school.scope_path, { actor: systemActor('complaints') });
        const id = uuidv7();
        const trackingCode = newTrackingCode();
        await uow.trx('complaints').insert({
          id,
          tracking_code: trackingCode,
          school_id: school.id,
          scope_path: school.scope_path,
          category: input.category,
          text: input.text,
          contact: input.contact ?? null,
          photo_id: input.photoId ?? null,
          ip_hash: hashIp(ctx.signingSecret, input.ip),
        });
        const { alertId } = await raiseAlertWithin(asSystem(uow, 'complaints'), ctx, {
          source: 'complaint',
          category: 'complaint',
          schoolId: school.id,
          snapshotId: input.photoId,
          summary: `${COMPLAINT_CATEGORY_NAMES[input.category]}：${input.text.slice(0, 120)}`,
          details: { complaintId: id, trackingCode },
          idempotencyKey: `complaint:${id}`,
          foldSubject: id,
        });
        await uow.trx('complaints').where({ id }).update({ alert_id: alertId });
        uow.emit({
          type: 'complaint.received',
          subject: { type: 'complaint', id },
          scopePaths: [school.scope_path],
          payload: { id, category: input.category, schoolId: school.id },
        });
        return { trackingCode };
      });
    } catch (error) {
      // A tracking code drawn twice (one in 10^12): draw again.
      if (attempt < 3 && isUniqueViolation(error, 'complaints_tracking_code_unique')) continue;
      throw error;
    }
  }
}

async function lockComplaint(uow: UnitOfWork, actor: UserActor, id: string, version: number) {
  const row = (await uow.trx('complaints').where({ id }).forUpdate().first('*')) as
    | {
        id: string;
        school_id: string;
        scope_path: string;
        status: string;
        version: number;
        alert_id: string | null;
        category: string;
        text: string;
        photo_id: string | null;
      }
    | undefined;
  if (!row || !row.scope_path.startsWith(actor.node.path)) throw notFound('complaint');
  if (row.version !== version)
    throw conflict('stale_version', 'The complaint was changed by someone else; reload and try again', { version: row.version });
  if (row.status === 'closed') throw conflict('illegal_transition', 'The complaint is closed', { state: row.status, allowed: [] });
  return row;
}

export async function dispatchComplaint(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  id: string,
  input: { version: number; note?: string | undefined; deadline?: string | undefined; deadlineHours?: number | undefined },
): Promise<void> {
  const actor = caller.actor;
  await runInTransaction(ctx, caller, async (uow) => {
    const complaint = await lockComplaint(uow, actor, id, input.version);
    if (complaint.status !== 'received')
      throw conflict('illegal_transition', 'The complaint is already being handled', { state: complaint.status, allowed: ['reply'] });
    const school = (await uow
      .trx('schools as s')
      .join('jurisdictions as j', 'j.id', 's.jurisdiction_id')
      .where('s.id', complaint.school_id)
      .first('s.name', 'j.id as node_id', 'j.path')) as { name: string; node_id: string; path: string };
    const now = ctx.now();
    const [task] = await createTasks(uow, ctx, [
      {
        title: `投诉核查整改：${school.name}`,
        description:
          input.note ??
          `群众投诉（${COMPLAINT_CATEGORY_NAMES[complaint.category as keyof typeof COMPLAINT_CATEGORY_NAMES]}）：${complaint.text}`,
        source: 'complaint',
        category: 'complaint',
        issuer: { nodeId: actor.node.id, path: actor.node.path, userId: actor.id },
        assignee: { nodeId: school.node_id, path: school.path, level: 'school', schoolId: complaint.school_id },
        complaintId: complaint.id,
        alertId: complaint.alert_id,
        deadline: await resolveDeadline(uow.trx, actor.node.path, now, input),
        attachmentIds: complaint.photo_id ? [complaint.photo_id] : [],
      },
    ]);
    await uow
      .trx('complaints')
      .where({ id })
      .update({ status: 'processing', task_id: task!.id, version: complaint.version + 1, updated_at: now });
    if (complaint.alert_id) {
      await uow
        .trx('alerts')
        .where({ id: complaint.alert_id })
        .update({ status: 'confirmed', task_id: task!.id, triaged_by: actor.id, triaged_at: now, version: uow.trx.raw('version + 1') });
      await emitAlert(uow, 'alert.confirmed', complaint.alert_id);
    }
    uow.emit({
      type: 'complaint.dispatched',
      subject: { type: 'complaint', id },
      scopePaths: [complaint.scope_path],
      payload: { id, taskId: task!.id },
    });
    uow.audit({
      action: 'complaint.dispatch',
      targetType: 'complaint',
      targetId: id,
      scopePath: complaint.scope_path,
      details: { taskId: task!.id },
    });
  });
}

export async function replyToComplaint(
  ctx: DomainContext,
  caller: Caller & { actor: UserActor },
  id: string,
  input: { version: number; reply: string; founded: boolean },
): Promise<void> {
  await runInTransaction(ctx, caller, async (uow) => {
    const complaint = await lockComplaint(uow, caller.actor, id, input.version);
    const now = ctx.now();
    await uow
      .trx('complaints')
      .where({ id })
      .update({
        status: 'closed',
        reply: input.reply,
        founded: input.founded,
        replied_at: now,
        version: complaint.version + 1,
        updated_at: now,
      });
    if (complaint.alert_id) {
      const alert = (await uow.trx('alerts').where({ id: complaint.alert_id }).first('status')) as { status: string };
      if (alert.status === 'new') {
        await uow
          .trx('alerts')
          .where({ id: complaint.alert_id })
          .update({
            status: input.founded ? 'confirmed' : 'dismissed',
            dismiss_reason: input.founded ? null : `投诉经核查不属实：${input.reply}`,
            triaged_by: caller.actor.id,
            triaged_at: now,
            version: uow.trx.raw('version + 1'),
          });
        await emitAlert(uow, input.founded ? 'alert.confirmed' : 'alert.dismissed', complaint.alert_id);
      }
    }
    uow.emit({
      type: 'complaint.closed',
      subject: { type: 'complaint', id },
      scopePaths: [complaint.scope_path],
      payload: { id, founded: input.founded },
    });
    uow.audit({
      action: 'complaint.reply',
      targetType: 'complaint',
      targetId: id,
      scopePath: complaint.scope_path,
      details: { founded: input.founded },
    });
  });
}

export async function rateSchool(
  ctx: DomainContext,
  schoolId: string,
  input: { stars: number; comment?: string | undefined; ip?: string | undefined },
): Promise<void> {
  await runInTransaction(ctx, { actor: PUBLIC, ip: input.ip }, async (uow) => {
    const school = (await uow.trx('schools').where({ id: schoolId }).first('scope_path')) as { scope_path: string } | undefined;
    if (!school) throw notFound('school');
    await uow.trx('ratings').insert({
      school_id: schoolId,
      scope_path: school.scope_path,
      stars: input.stars,
      comment: input.comment ?? null,
      ip_hash: hashIp(ctx.signingSecret, input.ip),
    });
  });
}
