import { z } from 'zod';
import { pageOf, pagingQuery } from '../http/paging';
import { LEVELS, USER_ROLES } from '../policy/actor';

export const LoginBody = z
  .strictObject({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'LoginBody' });

export const ScopeSchema = z.object({ level: z.enum(LEVELS), code: z.string(), name: z.string() });

export const SessionUser = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    scope: ScopeSchema,
  })
  .meta({ id: 'SessionUser' });

export const LoginResponse = z.object({ token: z.string(), expiresAt: z.iso.datetime(), user: SessionUser });
export const OkResponse = z.object({ ok: z.literal(true) });

/** An account whose name has failed logins not yet forgotten (a day after the last one). */
export const ThrottledUser = SessionUser.extend({
  /** Failed logins on the name over the last day, from all addresses. */
  failures: z.number().int(),
  /** How many addresses they came from. */
  addresses: z.number().int(),
  lastFailedAt: z.iso.datetime(),
  /** Until when some attempt on the name is held back (null: none is now). */
  delayedUntil: z.iso.datetime().nullable(),
}).meta({ id: 'ThrottledUser' });

export const ThrottledUserPage = pageOf(ThrottledUser);
export const ThrottledUserQuery = z.strictObject({ ...pagingQuery });
export const UserIdParams = z.strictObject({ id: z.uuid() });
export const UnlockResponse = z.object({ ok: z.literal(true), cleared: z.number().int() });
