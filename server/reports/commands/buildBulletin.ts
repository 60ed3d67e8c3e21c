// Requesting and building a bulletin. A request records a queued bulletin (or finds the one already queued or
// building for the node and period: a repeated click does not start a second build); the build then runs in
// the background, reporting its progress as `bulletin.progress` events, and keeps the PDF and XLSX in file
// storage. A failed build keeps its error and frees the node and period for another try.
import { v7 as uuidv7 } from 'uuid';
import { reportedPeriod } from '../../assessment/reported-period';
import type { DomainContext } from '../../context';
import { isUniqueViolation } from '../../db/errors';
import { runInTransaction, type UnitOfWork } from '../../db/unit-of-work';
import { systemActor, type Caller } from '../../policy/actor';
import { gatherBulletin, type BulletinNode } from '../content';
import { renderBulletinPdf } from '../pdf';
import { findBulletin, findRunningBulletin, type BulletinRow } from '../queries';
import { renderBulletinXlsx } from '../xlsx';

const progressEvent = (uow: UnitOfWork, row: Pick<BulletinRow, 'id' | 'scope_path' | 'period_id'>, status: string, progress: number) =>
  uow.emit({
    type: 'bulletin.progress',
    subject: { type: 'bulletin', id: row.id },
    scopePaths: [row.scope_path],
    payload: { id: row.id, period: row.period_id, status, progress },
  });

/** Records a queued bulletin for the node and period, or returns the one already queued or building. */
export async function requestBulletin(
  ctx: DomainContext,
  caller: Caller,
  input: { node: BulletinNode; periodId: string },
): Promise<{ bulletin: BulletinRow; created: boolean }> {
  const period = reportedPeriod(input.periodId, ctx.now());
  const running = await findRunningBulletin(ctx.db, input.node.id, period.id);
  if (running) return { bulletin: running, created: false };
  const id = uuidv7();
  try {
    await runInTransaction(ctx, caller, async (uow) => {
      const row = { id, node_id: input.node.id, scope_path: input.node.path, period_id: period.id, status: 'queued', progress: 0 };
      await uow
        .trx('bulletins')
        .insert({ ...row, created_by: caller.actor.kind === 'user' ? caller.actor.id : null, created_at: ctx.now() });
      progressEvent(uow, row, 'queued', 0);
      uow.audit({
        action: 'bulletin.request',
        targetType: 'bulletin',
        targetId: id,
        scopePath: input.node.path,
        details: { period: period.id },
      });
    });
  } catch (error) {
    // Two requests at once: the partial unique index let one through; the other returns it.
    if (!isUniqueViolation(error, 'bulletins_one_build')) throw error;
    const other = await findRunningBulletin(ctx.db, input.node.id, period.id);
    if (other) return { bulletin: other, created: false };
    throw error;
  }
  return { bulletin: (await findBulletin(ctx.db, id))!, created: true };
}

const SYSTEM: Caller = { actor: systemActor('bulletins') };

async function setProgress(
  ctx: DomainContext,
  row: BulletinRow,
  changes: Partial<BulletinRow> & { status: BulletinRow['status']; progress: number },
) {
  await runInTransaction(ctx, SYSTEM, async (uow) => {
    await uow.trx('bulletins').where({ id: row.id }).update(changes);
    progressEvent(uow, row, changes.status, changes.progress);
  });
}

/** Builds a queued bulletin: gathers the figures, renders the PDF and the XLSX, keeps them. Never throws. */
export async function buildBulletin(ctx: DomainContext, id: string): Promise<BulletinRow> {
  const row = (await findBulletin(ctx.db, id))!;
  try {
    await setProgress(ctx, row, { status: 'building', progress: 5 });
    const node = (await ctx.db('jurisdictions').where({ id: row.node_id }).first('id', 'code', 'name', 'level', 'path')) as BulletinNode;
    const content = await gatherBulletin(ctx.db, ctx.storage, {
      node,
      periodId: row.period_id,
      now: ctx.now(),
      onStep: (progress) => setProgress(ctx, row, { status: 'building', progress }),
    });
    const pdfKey = `bulletins/${row.id}/bulletin.pdf`;
    const xlsxKey = `bulletins/${row.id}/bulletin.xlsx`;
    await ctx.storage.put(pdfKey, await renderBulletinPdf(content));
    await setProgress(ctx, row, { status: 'building', progress: 80 });
    await ctx.storage.put(xlsxKey, await renderBulletinXlsx(content));
    await setProgress(ctx, row, { status: 'ready', progress: 100, pdf_key: pdfKey, xlsx_key: xlsxKey, finished_at: ctx.now() });
  } catch (error) {
    ctx.log.error({ err: error, bulletin: row.id }, 'bulletin build failed');
    const message = error instanceof Error ? error.message : String(error);
    await setProgress(ctx, row, { status: 'failed', progress: row.progress, error: message.slice(0, 500), finished_at: ctx.now() }).catch(
      (failure: unknown) => ctx.log.error({ err: failure, bulletin: row.id }, 'could not record the failed bulletin build'),
    );
  }
  return (await findBulletin(ctx.db, id))!;
}
