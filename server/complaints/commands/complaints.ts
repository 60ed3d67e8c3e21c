// Complaints (投诉举报) from the public, and their handling by operators: a complaint is answered with a
// tracking code, shows on the alert feed, and is either sent to the school as a task or closed with a reply.
import { createHash, randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { raiseAlertWithin } from '../../alerts/commands/raiseAlerts';
import { lockAlert, transitionAlert } from '../../alerts/commands/transitionAlert';
import { bindAttachments } from '../../attachments/queries';
import { isUniqueViolation } from '../../db/errors';
import { asSystem, runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import { PUBLIC, systemActor, type Caller, type UserActor } from '../../policy/actor';
import { createCaseTask } from '../../tasks/case-task';
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
    const now = ctx.now();
    const alert = complaint.alert_id ? await lockAlert(uow, complaint.alert_id, complaint.scope_path) : undefined;
    const task = await createCaseTask(uow, ctx, {
      // Its alert goes with it unless an operator already dismissed it (then the task stands alone).
      alert: alert && (alert.status === 'new' || alert.status === 'confirmed') ? alert : null,
      complaint: {
        id: complaint.id,
        school_id: complaint.school_id,
        text: complaint.text,
        categoryName: COMPLAINT_CATEGORY_NAMES[complaint.category as keyof typeof COMPLAINT_CATEGORY_NAMES],
        photo_id: complaint.photo_id,
      },
      issuer: { nodeId: actor.node.id, path: actor.node.path, userId: actor.id },
      to: 'school',
      instruction: input.note,
      deadline: await resolveDeadline(uow.trx, actor.node.path, now, input),
    });
    await uow
      .trx('complaints')
      .where({ id })
      .update({ status: 'processing', task_id: task.id, version: complaint.version + 1, updated_at: now });
    uow.emit({
      type: 'complaint.dispatched',
      subject: { type: 'complaint', id },
      scopePaths: [complaint.scope_path],
      payload: { id, taskId: task.id },
    });
    uow.audit({
      action: 'complaint.dispatch',
      targetType: 'complaint',
      targetId: id,
      scopePath: complaint.scope_path,
      details: { taskId: task.id },
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
    // The complaint's alert, if nobody decided on it yet, is decided by the reply.
    const alert = complaint.alert_id ? await lockAlert(uow, complaint.alert_id, complaint.scope_path) : undefined;
    if (alert?.status === 'new') {
      if (input.founded) await transitionAlert(uow, ctx, alert, 'confirm');
      else await transitionAlert(uow, ctx, alert, 'dismiss', { reason: `投诉经核查不属实：${input.reply}` });
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

/** The task a complaint was sent to the school as was closed (销号): the complaint closes as founded. */
export async function closeComplaintByTask(uow: UnitOfWork, complaintId: string, taskId: string, now: Date): Promise<void> {
  const [complaint] = (await uow
    .trx('complaints')
    .where({ id: complaintId })
    .whereNot('status', 'closed')
    .update({
      status: 'closed',
      founded: true,
      reply: uow.trx.raw("COALESCE(reply, '经核查，问题属实，已责令学校整改并复核销号。感谢您的监督。')"),
      replied_at: now,
      updated_at: now,
      version: uow.trx.raw('version + 1'),
    })
    .returning(['id', 'scope_path'])) as Array<{ id: string; scope_path: string }>;
  if (complaint) {
    uow.emit({
      type: 'complaint.closed',
      subject: { type: 'complaint', id: complaint.id },
      scopePaths: [complaint.scope_path],
      payload: { id: complaint.id, taskId },
    });
  }
}
