// Transport for operators handling complaints in their jurisdiction.
import type { DomainContext } from '../context';
import { notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { findNodeByCode, findSchoolNode } from '../org/queries';
import { IdParams } from '../org/schemas';
import { assertUser, scopePathOf } from '../policy/policy';
import { dispatchComplaint, replyToComplaint } from './commands/complaints';
import { getComplaint, listComplaints, type ComplaintRow } from './queries';
import { Complaint, ComplaintDispatchBody, ComplaintListQuery, ComplaintPage, ComplaintReplyBody } from './schemas';

export const presentComplaint = (row: ComplaintRow) => ({
  id: row.id,
  trackingCode: row.tracking_code,
  school: { id: row.school_id, name: row.school_name },
  county: { code: row.county_code, name: row.county_name },
  category: row.category,
  text: row.text,
  contact: row.contact,
  photoId: row.photo_id,
  status: row.status,
  founded: row.founded,
  reply: row.reply,
  taskId: row.task_id,
  alertId: row.alert_id,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  repliedAt: row.replied_at?.toISOString() ?? null,
});

async function complaintOrNotFound(ctx: DomainContext, id: string) {
  const row = await getComplaint(ctx.db, id);
  if (!row) throw notFound('complaint');
  return presentComplaint(row);
}

export function complaintRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/complaints',
      summary: 'Complaints about schools in your jurisdiction, newest first',
      tags: ['complaints'],
      action: 'complaint.read',
      query: ComplaintListQuery,
      refs: { 'query.county': 'node', 'query.school': 'school' },
      node: async ({ ctx, actor, query }) => {
        if (query.school) return findSchoolNode(ctx.db, query.school);
        if (query.county) return findNodeByCode(ctx.db, query.county);
        return { path: scopePathOf(actor) };
      },
      response: ComplaintPage,
      handler: async ({ ctx, query, node }) => {
        const page = await listComplaints(ctx.db, {
          scopePath: node!.path,
          status: query.status,
          schoolId: query.school,
          page: query.page,
          pageSize: query.pageSize,
        });
        return { ...page, items: page.items.map(presentComplaint) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/complaints/:id',
      summary: 'One complaint',
      tags: ['complaints'],
      action: 'complaint.read',
      params: IdParams,
      refs: { 'params.id': 'complaint' },
      node: 'params.id',
      response: Complaint,
      handler: ({ ctx, params }) => complaintOrNotFound(ctx, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/complaints/:id/dispatch',
      summary: 'Send a complaint to its school as a rectification task',
      tags: ['complaints'],
      action: 'complaint.handle',
      params: IdParams,
      body: ComplaintDispatchBody,
      refs: { 'params.id': 'complaint' },
      node: 'params.id',
      errors: [409],
      response: Complaint,
      handler: async ({ ctx, actor, caller, params, body }) => {
        assertUser(actor);
        await dispatchComplaint(ctx, { ...caller, actor }, params.id, body);
        return complaintOrNotFound(ctx, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/complaints/:id/reply',
      summary: 'Close a complaint with a reply the complainant reads with the tracking code',
      tags: ['complaints'],
      action: 'complaint.handle',
      params: IdParams,
      body: ComplaintReplyBody,
      refs: { 'params.id': 'complaint' },
      node: 'params.id',
      errors: [409],
      response: Complaint,
      handler: async ({ ctx, actor, caller, params, body }) => {
        assertUser(actor);
        await replyToComplaint(ctx, { ...caller, actor }, params.id, body);
        return complaintOrNotFound(ctx, params.id);
      },
    }),
  ];
}
