// The school's registers that the warning rules read besides the entries: canteen staff with their health
// certificates (健康证) and suppliers with their licences. Each change is versioned so two editors do not
// silently overwrite each other.
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import type { Caller } from '../../policy/actor';
import { regradeSchools } from '../../risk/commands/regradeSchools';
import type { LedgerSchool } from '../queries';

export type Register = 'canteen_staff' | 'suppliers';

const NAMES: Record<Register, string> = { canteen_staff: 'staff member', suppliers: 'supplier' };

/** Adds a person or a supplier to the school's register; returns its id. */
export async function addToRegister(
  ctx: DomainContext,
  caller: Caller,
  register: Register,
  school: LedgerSchool,
  fields: Record<string, unknown>,
): Promise<string> {
  const added = await runInTransaction(ctx, caller, async (uow) => {
    if (typeof fields.canteen_id === 'string') {
      const canteen = (await uow.trx('canteens').where({ id: fields.canteen_id, school_id: school.id }).first('id')) as object | undefined;
      if (!canteen) throw notFound('canteen');
    }
    const id = uuidv7();
    await uow.trx(register).insert({ id, school_id: school.id, scope_path: school.scope_path, ...fields });
    uow.emit({
      type: 'ledger.register_changed',
      subject: { type: register, id },
      scopePaths: [school.scope_path],
      payload: { id, schoolId: school.id, register },
    });
    uow.audit({ action: `ledger.${register}.add`, targetType: register, targetId: id, scopePath: school.scope_path });
    return id;
  });
  // Committed: the school's canteens are regraded (never fails the write).
  await regradeSchools(ctx, [school.id]);
  return added;
}

/** Changes a register row at the version the editor saw. The row must lie within `scopePath`. */
export async function updateRegister(
  ctx: DomainContext,
  caller: Caller,
  register: Register,
  id: string,
  scopePath: string,
  version: number,
  changes: Record<string, unknown>,
): Promise<{ schoolId: string }> {
  const updated = await runInTransaction(ctx, caller, async (uow) => {
    const current = (await uow.trx(register).where({ id }).forUpdate().first('school_id', 'scope_path', 'version')) as
      { school_id: string; scope_path: string; version: number } | undefined;
    if (!current || !current.scope_path.startsWith(scopePath)) throw notFound(NAMES[register]);
    if (current.version !== version) {
      throw conflict('stale_version', `The ${NAMES[register]} was changed by someone else; reload and try again`, {
        version: current.version,
      });
    }
    await uow
      .trx(register)
      .where({ id })
      .update({ ...changes, version: version + 1, updated_at: ctx.now() });
    uow.emit({
      type: 'ledger.register_changed',
      subject: { type: register, id },
      scopePaths: [current.scope_path],
      payload: { id, schoolId: current.school_id, register },
    });
    uow.audit({
      action: `ledger.${register}.update`,
      targetType: register,
      targetId: id,
      scopePath: current.scope_path,
      details: { changes },
    });
    return { schoolId: current.school_id };
  });
  await regradeSchools(ctx, [updated.schoolId]);
  return updated;
}
