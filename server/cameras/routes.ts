// Transport for camera listings and camera settings. No response here carries a stream URL.
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { findNodeByCode, findSchoolNode } from '../org/queries';
import { IdParams } from '../org/schemas';
import { scopePathOf } from '../policy/policy';
import { CameraStatusReport } from '../../stream-relay/protocol';
import { recordCameraStatus } from './commands/recordCameraStatus';
import { updateCamera } from './commands/updateCamera';
import { presentCamera } from './presenters';
import { findCanteenNode, listCameras } from './queries';
import { CameraListQuery, CameraPage, CameraUpdateBody } from './schemas';

export function cameraRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/cameras',
      summary: 'Cameras in scope, by school, canteen, county, status or area; paged',
      tags: ['cameras'],
      action: 'camera.read',
      query: CameraListQuery,
      refs: { 'query.canteen': 'canteen', 'query.school': 'school', 'query.county': 'node' },
      node: ({ ctx, actor, query }) => {
        if (query.canteen) return findCanteenNode(ctx.db, query.canteen);
        if (query.school) return findSchoolNode(ctx.db, query.school);
        if (query.county) return findNodeByCode(ctx.db, query.county);
        return Promise.resolve({ path: scopePathOf(actor) });
      },
      response: CameraPage,
      handler: async ({ ctx, query, node }) => {
        const page = await listCameras(ctx.db, { ...query, scopePath: node!.path });
        return { ...page, items: page.items.map(presentCamera) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/cameras/:id',
      summary: 'Edit a camera (city administrators); stream addresses are write-only',
      tags: ['cameras'],
      action: 'camera.update',
      params: IdParams,
      body: CameraUpdateBody,
      refs: { 'params.id': 'camera' },
      node: 'params.id',
      errors: [409],
      response: z.object({ id: z.uuid(), version: z.number().int() }),
      handler: async ({ ctx, caller, params, body }) => {
        const version = await updateCamera(ctx, caller, params.id, body);
        return { id: params.id, version };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/cameras/:id/status',
      summary: "A stream relay reports a change in a camera's health (a fault becomes a camera alert)",
      tags: ['cameras'],
      action: 'camera.report',
      params: IdParams,
      body: CameraStatusReport,
      refs: { 'params.id': 'camera' },
      node: 'params.id',
      response: z.object({ outcome: z.enum(['changed', 'unchanged', 'stale']), alertId: z.uuid().nullable() }),
      handler: ({ ctx, caller, params, body }) => recordCameraStatus(ctx, caller, params.id, body),
    }),
  ];
}
