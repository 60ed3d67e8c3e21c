// Creates a bearer token for a service account (stream relay or analytics worker). The token is returned
// once and stored only as a hash.
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { conflict, notFound } from '../../errors';
import type { Caller, ServiceKind } from '../../policy/actor';
import { forgetService } from '../sessions';
import { hashToken, newToken, SERVICE_TOKEN_PREFIX } from '../tokens';

export interface ServiceTokenInput {
  name: string;
  kind: ServiceKind;
  /** Jurisdiction code the service is bound to; defaults to the root of the tree. */
  scopeCode?: string | undefined;
}

export async function createServiceToken(
  ctx: DomainContext,
  caller: Caller,
  input: ServiceTokenInput,
): Promise<{ id: string; token: string }> {
  return runInTransaction(ctx, caller, async (uow) => {
    const node = (await (input.scopeCode
      ? uow.trx('jurisdictions').where({ code: input.scopeCode }).first('id', 'path')
      : uow.trx('jurisdictions').whereNull('parent_id').orderBy('path').first('id', 'path'))) as { id: string; path: string } | undefined;
    if (!node) throw notFound('jurisdiction');
    const existing = (await uow.trx('service_tokens').where({ name: input.name }).first('id')) as object | undefined;
    if (existing) throw conflict('duplicate_name', `A service token named ${input.name} exists`);
    const token = newToken(SERVICE_TOKEN_PREFIX);
    const id = uuidv7();
    await uow.trx('service_tokens').insert({
      id,
      name: input.name,
      kind: input.kind,
      token_hash: hashToken(token),
      jurisdiction_id: node.id,
    });
    uow.audit({
      action: 'service_token.create',
      targetType: 'service_token',
      targetId: id,
      scopePath: node.path,
      details: { name: input.name, kind: input.kind },
    });
    return { id, token };
  });
}

/** Revokes a service token: at once in this process, within seconds in the others (see actor-cache). */
export async function revokeServiceToken(ctx: DomainContext, caller: Caller, name: string): Promise<boolean> {
  const revoked = await runInTransaction(ctx, caller, async (uow) => {
    const rows = (await uow
      .trx('service_tokens')
      .where({ name })
      .whereNull('revoked_at')
      .update({ revoked_at: ctx.now() })
      .returning('id')) as Array<{ id: string }>;
    if (rows.length > 0)
      uow.audit({ action: 'service_token.revoke', targetType: 'service_token', targetId: rows[0]!.id, details: { name } });
    return rows;
  });
  for (const row of revoked) forgetService(ctx, row.id);
  return revoked.length > 0;
}

/**
 * Issues a fresh token for a named service account, creating the account if needed and replacing any
 * earlier token: for a companion process the server starts itself (the embedded relay) at every start.
 */
export async function rotateServiceToken(ctx: DomainContext, caller: Caller, input: ServiceTokenInput): Promise<string> {
  const rotated = await runInTransaction(ctx, caller, async (uow) => {
    const token = newToken(SERVICE_TOKEN_PREFIX);
    const rows = (await uow
      .trx('service_tokens')
      .where({ name: input.name, kind: input.kind })
      .update({ token_hash: hashToken(token), revoked_at: null })
      .returning('id')) as Array<{ id: string }>;
    if (rows.length > 0) {
      uow.audit({ action: 'service_token.rotate', targetType: 'service_token', targetId: rows[0]!.id, details: { name: input.name } });
    }
    return { token, id: rows[0]?.id };
  });
  if (rotated.id) {
    forgetService(ctx, rotated.id);
    return rotated.token;
  }
  return (await createServiceToken(ctx, caller, input)).token;
}
