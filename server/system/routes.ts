// Health and the OpenAPI document: both answer without login.
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/define-route';

export function systemRoutes(deps: { version: string; openApi: () => unknown }): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      summary: 'Liveness and database reachability (no login)',
      tags: ['system'],
      action: 'public.read',
      node: 'none',
      otherStatuses: { 503: 'The database does not answer' },
      response: z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['pglite', 'postgres']), version: z.string() }),
      handler: async ({ ctx, res }) => {
        const ok = await ctx.db.raw('select 1').then(
          () => true,
          () => false,
        );
        if (!ok) res.status(503);
        return { status: ok ? ('ok' as const) : ('degraded' as const), db: ctx.dbKind, version: deps.version };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API described as OpenAPI 3.1 (no login)',
      tags: ['system'],
      action: 'public.read',
      node: 'none',
      rawResponse: { contentType: 'application/json', description: 'The OpenAPI document' },
      handler: ({ res }) => {
        res.json(deps.openApi());
        return Promise.resolve(undefined);
      },
    }),
  ];
}
