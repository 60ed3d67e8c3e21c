// Transport for analytics: the violation catalogue, per-camera detection rules, worker registration and
// assignment (or, with Redis, sampling visits), the raw frames kept with AI alerts, and the labelled data set export.
import type { Response } from 'express';
import {
  CATALOGUE,
  DETECTOR_CATEGORIES,
  DETECTOR_CATEGORY_CODES,
  isLive,
  RELAY_CATEGORY_CODES,
  type DetectorCategoryCode,
} from '../../analytics/rules';
import {
  AssignmentQuery,
  Assignments,
  FrameReport,
  VisitClaim,
  Visits,
  VisitsDone,
  VisitsDoneAnswer,
  WorkerHeartbeat,
  WorkerHeartbeatAnswer,
  type AssignedCamera,
} from '../../analytics/worker/protocol';
import { ALERT_CATEGORIES, type AlertCategory } from '../alerts/categories';
import type { DomainContext } from '../context';
import { runInTransaction } from '../db/unit-of-work';
import { conflict, invalidInput } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { IdParams } from '../org/schemas';
import type { ServiceActor } from '../policy/actor';
import { scopePathOf } from '../policy/policy';
import { keepFrame } from './commands/keepFrame';
import { recordWorkerHeartbeat } from './commands/recordWorkerHeartbeat';
import { updateCameraRules } from './commands/updateCameraRules';
import { exportDataset } from './dataset/export';
import { ZipWriter } from './dataset/zip';
import {
  findRulesInForce,
  listAssignedCameras,
  listLiveWorkers,
  type AssignedCameraRow,
  type RulesInForce,
  type WorkerRow,
} from './queries';
import type { SamplingQueue } from './sampling/queue';
import { claimVisits, endVisits } from './sampling/visits';
import { CameraRulesResponse, CameraRulesUpdate, CatalogueResponse, DatasetQuery, FrameKept } from './schemas';

// Every catalogue category is an alert category the server knows (a compile-time check).
const _catalogueCodesAreAlertCategories: readonly AlertCategory[] = [...DETECTOR_CATEGORY_CODES, ...RELAY_CATEGORY_CODES];
const DEFAULT_RANGE_DAYS = 30;
const MAX_RANGE_DAYS = 366;

function presentRules(rules: RulesInForce, workers: readonly WorkerRow[]) {
  const live = (code: DetectorCategoryCode) => workers.some((worker) => isLive(DETECTOR_CATEGORIES[code], worker.labels));
  return {
    cameraId: rules.cameraId,
    area: rules.area,
    source: rules.source,
    version: rules.version,
    rules: rules.rules,
    updatedAt: rules.updatedAt?.toISOString() ?? null,
    liveCategories: rules.rules.enabled
      ? rules.rules.rules.filter((rule) => rule.enabled && live(rule.category)).map((rule) => rule.category)
      : [],
  };
}

async function rulesResponse(ctx: DomainContext, cameraId: string) {
  const rules = (await findRulesInForce(ctx.db, cameraId))!;
  return presentRules(rules, await listLiveWorkers(ctx.db, ctx.now(), rules.scopePath));
}

/** Writes a chunk, waiting while the client reads slowly; fails once the client has gone. */
function writeTo(res: Response): (chunk: Buffer) => Promise<void> {
  return (chunk) =>
    new Promise((resolve, reject) => {
      if (res.destroyed) return reject(new Error('the client went away'));
      if (res.write(chunk)) return resolve();
      const done = (error?: Error) => {
        res.off('drain', onDrain);
        res.off('close', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => done();
      const onClose = () => done(new Error('the client went away'));
      res.once('drain', onDrain);
      res.once('close', onClose);
    });
}

const presentAssigned = (camera: AssignedCameraRow): AssignedCamera => ({
  id: camera.cameraId,
  name: camera.name,
  area: camera.area,
  status: camera.status,
  schoolCode: camera.schoolCode,
  rules: camera.rules,
  rulesVersion: camera.version,
  rulesSource: camera.source,
});

export interface AnalyticsRouteOptions {
  /** The sampling queue of a pool's scope, when the server has Redis; unset: workers sample by assignment. */
  samplingQueue?: ((scopePath: string) => SamplingQueue) | undefined;
}

export function analyticsRoutes(options: AnalyticsRouteOptions = {}): AnyRoute[] {
  const queueOf = (actor: ServiceActor): SamplingQueue => {
    if (!options.samplingQueue) throw conflict('no_sampling_queue', 'This server has no Redis: workers sample by assignment');
    return options.samplingQueue(actor.node.path);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/analytics/catalogue',
      summary: 'The violation catalogue: each category, the detector labels it needs, and whether a live worker can decide it now',
      tags: ['analytics'],
      action: 'analytics.read',
      node: 'actor',
      response: CatalogueResponse,
      handler: async ({ ctx, actor }) => {
        const workers = await listLiveWorkers(ctx.db, ctx.now(), scopePathOf(actor));
        const models = new Map<string, { name: string; labels: string[]; workers: number; lastSeenAt: Date }>();
        for (const worker of workers) {
          const known = models.get(worker.model);
          if (!known) models.set(worker.model, { name: worker.model, labels: worker.labels, workers: 1, lastSeenAt: worker.last_seen_at });
          else {
            known.workers += 1;
            if (worker.last_seen_at > known.lastSeenAt) known.lastSeenAt = worker.last_seen_at;
          }
        }
        return {
          models: [...models.values()].map((model) => ({ ...model, lastSeenAt: new Date(model.lastSeenAt).toISOString() })),
          items: CATALOGUE.map((category) => {
            const severity = ALERT_CATEGORIES[category.code].severity;
            if (category.source === 'relay') {
              return { ...category, severity, labels: { all: [], any: [] }, live: true, liveWith: [], defaults: null };
            }
            const liveWith = [...models.values()].filter((model) => isLive(category, model.labels)).map((model) => model.name);
            return {
              code: category.code,
              zh: category.zh,
              en: category.en,
              severity,
              source: category.source,
              labels: { all: [...category.labels.all], any: [...category.labels.any] },
              live: liveWith.length > 0,
              liveWith,
              defaults: { ...category.defaults, ...(category.fixedWhen ? { when: category.fixedWhen } : {}) },
              note: category.note,
            };
          }),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/analytics/cameras/:id/rules',
      summary: "A camera's detection rules in force: its own, or the city-wide defaults of its area",
      tags: ['analytics'],
      action: 'analytics.read',
      params: IdParams,
      refs: { 'params.id': 'camera' },
      node: 'params.id',
      response: CameraRulesResponse,
      handler: ({ ctx, params }) => rulesResponse(ctx, params.id),
    }),
    defineRoute({
      method: 'put',
      path: '/api/analytics/cameras/:id/rules',
      summary: "Set a camera's detection rules (zones, schedule, dwell, cooldown, masks), or null to return to the defaults",
      tags: ['analytics'],
      action: 'analytics.configure',
      params: IdParams,
      errors: [409],
      body: CameraRulesUpdate,
      refs: { 'params.id': 'camera' },
      node: 'params.id',
      response: CameraRulesResponse,
      handler: async ({ ctx, caller, params, body }) => {
        await updateCameraRules(ctx, caller, params.id, body);
        return rulesResponse(ctx, params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/analytics/workers/heartbeat',
      summary: 'A detection worker registers and stays alive, reporting its model, labels and counters',
      tags: ['analytics'],
      action: 'analytics.report',
      node: 'actor',
      body: WorkerHeartbeat,
      response: WorkerHeartbeatAnswer,
      handler: async ({ ctx, actor, body }) => {
        const answer = await recordWorkerHeartbeat(ctx, actor as ServiceActor, body);
        return { ...answer, sampling: options.samplingQueue ? ('queue' as const) : ('assignment' as const) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/analytics/assignments',
      summary:
        'The cameras a detection worker should analyse (connected cameras in its jurisdiction, shared among live workers), with their rules',
      tags: ['analytics'],
      action: 'analytics.report',
      node: 'actor',
      query: AssignmentQuery,
      response: Assignments,
      handler: async ({ ctx, actor, query }) => {
        const cameras = await listAssignedCameras(ctx.db, { id: query.worker, scopePath: (actor as ServiceActor).node.path }, ctx.now());
        return { workerId: query.worker, cameras: cameras.map(presentAssigned) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/analytics/sampling/claim',
      summary:
        'With Redis: a detection worker of the pool claims cameras due for a sampling visit (longest due first, each held by one worker at a time), with their rules',
      tags: ['analytics'],
      action: 'analytics.report',
      node: 'actor',
      errors: [409],
      body: VisitClaim,
      response: Visits,
      handler: async ({ ctx, actor, body }) => {
        const visits = await claimVisits(ctx, queueOf(actor as ServiceActor), body.worker, body.max);
        return { workerId: body.worker, visitSeconds: visits.visitSeconds, cameras: visits.cameras.map(presentAssigned) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/analytics/sampling/done',
      summary: 'With Redis: a detection worker ends its sampling visits; each camera is due again after its risk grade’s interval',
      tags: ['analytics'],
      action: 'analytics.report',
      node: 'actor',
      errors: [409],
      body: VisitsDone,
      refs: { 'body.cameras.*': 'camera' },
      response: VisitsDoneAnswer,
      handler: async ({ ctx, actor, body }) => ({
        ended: await endVisits(ctx, queueOf(actor as ServiceActor), body.worker, body.cameras),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/analytics/frames',
      summary: 'A detection worker keeps the raw frame of a firing (with its boxes) beside the AI alert, for the data set',
      tags: ['analytics'],
      action: 'analytics.report',
      node: 'actor',
      body: FrameReport,
      refs: { 'body.alertId': 'alert' },
      status: 201,
      response: FrameKept,
      handler: ({ ctx, actor, caller, body }) => {
        return keepFrame(ctx, { ...caller, actor: actor as ServiceActor }, body);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/analytics/dataset',
      summary: 'Confirmed and dismissed AI alerts as a labelled data set (ZIP: images with COCO annotations.json or YOLO labels)',
      tags: ['analytics'],
      action: 'dataset.export',
      node: 'actor',
      query: DatasetQuery,
      rawResponse: {
        contentType: 'application/zip',
        description: 'images/, annotations.json (COCO) or labels/ + data.yaml (YOLO), manifest.csv',
      },
      handler: async ({ ctx, caller, actor, query, res }) => {
        const to = query.to ? new Date(query.to) : ctx.now();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_RANGE_DAYS * 86_400_000);
        if (from >= to) throw invalidInput('from must lie before to');
        if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw invalidInput(`at most ${MAX_RANGE_DAYS} days at once`);
        const scopePath = scopePathOf(actor);
        const day = (date: Date) => date.toISOString().slice(0, 10);
        res.status(200);
        res.setHeader('content-type', 'application/zip');
        res.setHeader('cache-control', 'no-store');
        res.setHeader('content-disposition', `attachment; filename="canteen-dataset-${query.format}-${day(from)}-${day(to)}.zip"`);
        const zip = new ZipWriter(writeTo(res));
        try {
          const summary = await exportDataset(
            ctx,
            { scopePath, format: query.format, from, to, category: query.category, limit: query.limit },
            zip,
          );
          await zip.finish();
          res.end();
          await runInTransaction(ctx, caller, (uow) => {
            uow.audit({
              action: 'dataset.export',
              scopePath,
              details: { format: query.format, from: from.toISOString(), to: to.toISOString(), ...summary },
            });
            return Promise.resolve();
          });
        } catch (error) {
          // The archive is half sent: the client must see a broken download, not a short valid one.
          ctx.log.warn({ err: error }, 'data set export stopped');
          res.destroy();
        }
        return undefined;
      },
    }),
  ];
}
