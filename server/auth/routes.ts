// Transport for login, logout and "who am I", and for a city administrator's view of held-back logins.
// Login requests are rate-limited per IP (a burst cap, before any password is checked) on top of the login
// throttle's growing delays (login-throttle.ts).
import type { RequestHandler } from 'express';
import { assertUser, scopePathOf } from '../policy/policy';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { SESSION_COOKIE } from '../realtime/socket-server';
import { clearLoginThrottle } from './commands/clearLoginThrottle';
import { login } from './commands/login';
import { logout } from './commands/logout';
import { findUserById, listThrottledUsers } from './queries';
import {
  LoginBody,
  LoginResponse,
  OkResponse,
  SessionUser,
  ThrottledUserPage,
  ThrottledUserQuery,
  UnlockResponse,
  UserIdParams,
} from './schemas';

export interface AuthRouteDeps {
  loginRateLimit: RequestHandler;
  disconnectSession(sessionId: string): Promise<void>;
  sessionMaxHours: number;
}

export function authRoutes(deps: AuthRouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in; returns a bearer token and sets the session cookie',
      tags: ['auth'],
      action: 'public.read',
      node: 'none',
      body: LoginBody,
      response: LoginResponse,
      middleware: [deps.loginRateLimit],
      errors: [401, 429],
      handler: async ({ ctx, body, req, res, caller }) => {
        const result = await login(ctx, {
          username: body.username,
          password: body.password,
          ip: caller.ip,
          userAgent: req.get('user-agent'),
        });
        res.cookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.secure,
          path: '/',
          maxAge: deps.sessionMaxHours * 3_600_000,
        });
        return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: result.user };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'End the current session (cookie or bearer token) and close its sockets',
      tags: ['auth'],
      action: 'session.read',
      node: 'actor',
      response: OkResponse,
      handler: async ({ ctx, actor, caller, res }) => {
        assertUser(actor);
        await logout(ctx, { ...caller, actor });
        await deps.disconnectSession(actor.sessionId);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'The logged-in user and the jurisdiction node they are bound to',
      tags: ['auth'],
      action: 'session.read',
      node: 'actor',
      response: SessionUser,
      handler: ({ actor }) => {
        assertUser(actor);
        return Promise.resolve({
          id: actor.id,
          username: actor.username,
          displayName: actor.displayName,
          role: actor.role,
          scope: { level: actor.node.level, code: actor.node.code, name: actor.node.name },
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/login-throttles',
      summary: 'Accounts in your jurisdiction with failed logins in the last day, those whose logins are held back first',
      tags: ['auth'],
      action: 'login.unlock',
      node: 'actor',
      query: ThrottledUserQuery,
      response: ThrottledUserPage,
      handler: async ({ ctx, actor, query }) => {
        const page = await listThrottledUsers(ctx.db, { scopePath: scopePathOf(actor), now: ctx.now(), ...query });
        return {
          ...page,
          items: page.items.map((row) => ({
            id: row.id,
            username: row.username,
            displayName: row.display_name,
            role: row.role,
            scope: { level: row.node_level, code: row.node_code, name: row.node_name },
            failures: row.failures,
            addresses: row.addresses,
            lastFailedAt: row.last_failed_at.toISOString(),
            delayedUntil: row.blocked_until?.toISOString() ?? null,
          })),
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/auth/login-throttles/:id',
      summary: "Clear a user's failed-login counts, lifting every delay on their name (audited)",
      tags: ['auth'],
      action: 'login.unlock',
      params: UserIdParams,
      refs: { 'params.id': 'user' },
      // The user's node: a user of another jurisdiction answers 404 like a missing one.
      node: async ({ ctx, params }) => {
        const user = await findUserById(ctx.db, params.id);
        return user && { path: user.node.path, user };
      },
      response: UnlockResponse,
      handler: async ({ ctx, caller, node }) => {
        const { cleared } = await clearLoginThrottle(ctx, caller, node!.user);
        return { ok: true as const, cleared };
      },
    }),
  ];
}
