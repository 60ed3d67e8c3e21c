// The audit log for city administrators: who did what, when, from where, within their jurisdiction.
import { z } from 'zod';
import { paginate } from '../db/paginate';
import { whereWithin } from '../db/scope';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { pageOf, pagingQuery } from '../http/paging';
import { scopePathOf } from '../policy/policy';

const AuditEntry = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorKind: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

interface AuditRow {
  id: number;
  at: Date;
  actor_kind: string;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

export function auditRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit',
      summary: 'Audit log entries within your jurisdiction, newest first; filter by action prefix',
      tags: ['audit'],
      action: 'audit.read',
      node: 'actor',
      query: z.strictObject({
        action: z
          .string()
          .regex(/^[a-z_.]{1,60}$/)
          .optional(),
        ...pagingQuery,
      }),
      response: pageOf(AuditEntry),
      handler: async ({ ctx, actor, query }) => {
        const base = whereWithin(ctx.db('audit_log'), 'scope_path', scopePathOf(actor));
        if (query.action) void base.where('action', 'like', `${query.action}%`);
        const page = await paginate<AuditRow>(base, query, (q) => q.orderBy('id', 'desc').select('*'));
        return {
          ...page,
          items: page.items.map((row) => ({
            id: Number(row.id),
            at: row.at.toISOString(),
            actorKind: row.actor_kind,
            actorName: row.actor_name,
            action: row.action,
            targetType: row.target_type,
            targetId: row.target_id,
            ip: row.ip,
            details: row.details,
          })),
        };
      },
    }),
  ];
}
