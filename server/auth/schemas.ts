import { z } from 'zod';
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
