// Transport for login, logout and "who am I". Login is rate-limited per IP on top of the per-account lockout.
import type { RequestHandler } from 'express';
import { assertUser } from '../policy/policy';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { SESSION_COOKIE } from '../realtime/socket-server';
import { login } from './commands/login';
import { logout } from './commands/logout';
import { LoginBody, LoginResponse, OkResponse, SessionUser } from './schemas';

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
      errors: [429],
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
  ];
}
