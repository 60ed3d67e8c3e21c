// Edits a school's contact details and public notice, with optimistic concurrency on `version`.
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import type { Caller } from '../../policy/actor';

export interface SchoolUpdate {
  version: number;
  principal?: string | null | undefined;
  phone?: string | null | undefined;
  publicNotice?: string | null | undefined;
  students?: number | undefined;
}

const COLUMNS = { principal: 'principal', phone: 'phone', publicNotice: 'public_notice', students: 'students' } as const;

export async function updateSchool(ctx: DomainContext, caller: Caller, schoolId: string, input: SchoolUpdate): Promise<number> {
  return runInTransaction(ctx, caller, async (uow) => {
    const current = (await uow.trx('schools').where({ id: schoolId }).forUpdate().first('version', 'scope_path')) as
      { version: number; scope_path: string } | undefined;
    if (!current) throw notFound('school');
    if (current.version !== input.version) {
      throw conflict('stale_version', 'The school was changed by someone else; reload and try again', { version: current.version });
    }
    const changes: Record<string, unknown> = {};
    const changed: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(COLUMNS)) {
      const value = input[field as keyof typeof COLUMNS];
      if (value === undefined) continue;
      changes[column] = value;
      changed[field] = value;
    }
    const version = current.version + 1;
    await uow
      .trx('schools')
      .where({ id: schoolId })
      .update({ ...changes, version, updated_at: ctx.now() });
    uow.emit({
      type: 'school.updated',
      subject: { type: 'school', id: schoolId },
      scopePaths: [current.scope_path],
      payload: { changes: changed, version },
    });
    uow.audit({ action: 'school.update', targetType: 'school', targetId: schoolId, scopePath: current.scope_path, details: changed });
    return version;
  });
}
