// Transport for alerts: services and operators raise them; operators triage them; everyone in scope reads.
import { z } from 'zod';
import type { DomainContext } from '../context';
import { DomainError, notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { findNodeByCode, findSchoolNode } from '../org/queries';
import { IdParams } from '../org/schemas';
import type { Actor } from '../policy/actor';
import { assertUser, scopePathOf } from '../policy/policy';
import { ALERT_CATEGORIES, ALERT_CATEGORY_CODES } from './categories';
import type { AlertIngestor } from './ingestor';
import { listAcknowledgements } from './acknowledgements';
import { acknowledgeAlert } from './commands/acknowledgeAlert';
import { confirmAlert, dismissAlert, triageAlerts } from './commands/triageAlert';
import { presentAlert } from './presenters';
import { countAlerts, getAlert, listAlerts } from './queries';
import {
  Acknowledgement,
  AcknowledgementList,
  Alert,
  AlertCounts,
  AlertCountsQuery,
  AlertListQuery,
  AlertPage,
  ConfirmBody,
  DismissBody,
  RaiseAlertBody,
  RaiseAlertResponse,
  TriageBody,
  TriageResults,
} from './schemas';

async function alertOrNotFound(ctx: DomainContext, id: string) {
  const row = await getAlert(ctx.db, id);
  if (!row) throw notFound('alert');
  return presentAlert(row);
}

/** The node a list or count of alerts is about: the school or county asked for, else the caller's own. */
async function filteredNode({ ctx, actor, query }: { ctx: DomainContext; actor: Actor; query: z.output<typeof AlertCountsQuery> }) {
  if (query.school) return findSchoolNode(ctx.db, query.school);
  if (query.county) return findNodeByCode(ctx.db, query.county);
  return { path: scopePathOf(actor) };
}

const filterOf = (query: z.output<typeof AlertCountsQuery>, node: { path: string }) => ({
  scopePath: node.path,
  schoolId: query.school,
  cameraId: query.camera,
  category: query.category,
  source: query.source,
  from: query.from,
  to: query.to,
});

export function alertRoutes(deps: { ingestor: AlertIngestor }): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/alert-categories',
      summary: 'The alert categories with their Chinese and English names, severity and sources',
      tags: ['alerts'],
      action: 'alert.read',
      node: 'actor',
      response: z.object({
        items: z.array(
          z.object({
            code: z.enum(ALERT_CATEGORY_CODES),
            zh: z.string(),
            en: z.string(),
            severity: z.string(),
            sources: z.array(z.string()),
          }),
        ),
      }),
      handler: () =>
        Promise.resolve({
          items: ALERT_CATEGORY_CODES.map((code) => ({ code, ...ALERT_CATEGORIES[code], sources: [...ALERT_CATEGORIES[code].sources] })),
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/alerts',
      summary: 'Raise an alert (services must send an idempotency key); repeats fold into one alert',
      tags: ['alerts'],
      action: 'alert.create',
      body: RaiseAlertBody,
      refs: { 'body.cameraId': 'camera', 'body.canteenId': 'canteen', 'body.schoolId': 'school', 'body.snapshotId': 'attachment' },
      node: 'actor',
      response: RaiseAlertResponse,
      otherStatuses: { 200: 'A repeat (same idempotency key), or a detection folded into the open alert of its camera and category' },
      status: 201,
      handler: async ({ actor, caller, body, res }) => {
        if (actor.kind === 'service' && !body.idempotencyKey) {
          throw new DomainError('invalid_input', 'idempotency_key_required', 'Services send an idempotency key with every alert');
        }
        const { alert, outcome } = await deps.ingestor.submit({ caller, input: body });
        if (outcome !== 'created') res.status(200);
        return { alert, outcome };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/alerts',
      summary:
        'Alerts in scope, newest first, filtered by county, school, camera, category, source, status, time and whether the caller acknowledged them',
      tags: ['alerts'],
      action: 'alert.read',
      query: AlertListQuery,
      refs: { 'query.county': 'node', 'query.school': 'school', 'query.camera': 'camera' },
      node: filteredNode,
      response: AlertPage,
      handler: async ({ ctx, actor, query, node }) => {
        const page = await listAlerts(ctx.db, {
          ...filterOf(query, node!),
          status: query.status,
          unacknowledgedBy: query.unacknowledged === 'true' && actor.kind === 'user' ? actor.id : undefined,
          page: query.page,
          pageSize: query.pageSize,
        });
        return { ...page, items: page.items.map(presentAlert) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/alerts/counts',
      summary: 'How many alerts of each status the filters select (the desk’s tab counts)',
      tags: ['alerts'],
      action: 'alert.read',
      query: AlertCountsQuery,
      refs: { 'query.county': 'node', 'query.school': 'school', 'query.camera': 'camera' },
      node: filteredNode,
      response: AlertCounts,
      handler: ({ ctx, query, node }) => countAlerts(ctx.db, filterOf(query, node!)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/alerts/triage',
      summary: 'Confirm or dismiss many alerts at once with one reason; each answers on its own (one already decided fails alone)',
      tags: ['alerts'],
      action: 'alert.triage',
      body: TriageBody,
      refs: { 'body.ids.*': 'alert' },
      node: 'actor',
      response: TriageResults,
      handler: async ({ ctx, actor, caller, body }) => {
        assertUser(actor);
        return { results: await triageAlerts(ctx, { ...caller, actor }, body) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/alerts/:id',
      summary: 'One alert',
      tags: ['alerts'],
      action: 'alert.read',
      params: IdParams,
      refs: { 'params.id': 'alert' },
      node: 'params.id',
      response: Alert,
      handler: ({ ctx, params }) => alertOrNotFound(ctx, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/alerts/:id/confirm',
      summary: 'Confirm a new alert; optionally dispatch a rectification task with its evidence at once',
      tags: ['alerts'],
      action: 'alert.triage',
      params: IdParams,
      body: ConfirmBody,
      refs: { 'params.id': 'alert' },
      node: 'params.id',
      errors: [409],
      response: Alert,
      handler: async ({ ctx, actor, caller, params, body }) => {
        assertUser(actor);
        await confirmAlert(ctx, { ...caller, actor }, params.id, body);
        return alertOrNotFound(ctx, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/alerts/:id/dismiss',
      summary: 'Dismiss a new alert as a false positive, with a reason (kept as training feedback)',
      tags: ['alerts'],
      action: 'alert.triage',
      params: IdParams,
      body: DismissBody,
      refs: { 'params.id': 'alert' },
      node: 'params.id',
      errors: [409],
      response: Alert,
      handler: async ({ ctx, actor, caller, params, body }) => {
        assertUser(actor);
        await dismissAlert(ctx, { ...caller, actor }, params.id, body);
        return alertOrNotFound(ctx, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/alerts/:id/acknowledge',
      summary: 'Acknowledge (知悉) an alert for the calling user, e.g. an emergency report; again answers with the first acknowledgement',
      tags: ['alerts'],
      action: 'alert.acknowledge',
      params: IdParams,
      refs: { 'params.id': 'alert' },
      node: 'params.id',
      response: Acknowledgement,
      handler: async ({ ctx, actor, caller, params }) => {
        assertUser(actor);
        const { acknowledgement } = await acknowledgeAlert(ctx, { ...caller, actor }, params.id);
        return { ...acknowledgement, acknowledgedAt: acknowledgement.acknowledgedAt.toISOString() };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/alerts/:id/acknowledgements',
      summary: 'Who acknowledged (知悉) an alert, with their node, and when; first acknowledged first',
      tags: ['alerts'],
      action: 'alert.read',
      params: IdParams,
      refs: { 'params.id': 'alert' },
      node: 'params.id',
      response: AcknowledgementList,
      handler: async ({ ctx, params }) => ({
        items: (await listAcknowledgements(ctx.db, params.id)).map(({ user, at }) => ({ user, at: at.toISOString() })),
      }),
    }),
  ];
}
