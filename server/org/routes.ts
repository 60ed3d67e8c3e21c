// Transport for the jurisdiction tree, county boundaries and schools.
import { z } from 'zod';
import { notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { scopePathOf } from '../policy/policy';
import { updateSchool } from './commands/updateSchool';
import { nestNodes, presentCanteen, presentSchoolSummary } from './presenters';
import {
  cameraStatusCounts,
  getSchool,
  listAncestors,
  listBoundaries,
  listCanteensOfSchool,
  listNodesWithin,
  listSchools,
} from './queries';
import { BoundaryCollection, IdParams, JurisdictionTree, SchoolDetail, SchoolListQuery, SchoolPage, SchoolUpdateBody } from './schemas';

export function orgRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/jurisdictions',
      summary: 'The jurisdiction tree in scope (administrative levels), with school, canteen and camera counts',
      tags: ['org'],
      action: 'jurisdiction.read',
      node: 'actor',
      response: JurisdictionTree,
      handler: async ({ ctx, actor }) => {
        const scopePath = scopePathOf(actor);
        const root = nestNodes(await listNodesWithin(ctx.db, scopePath));
        if (!root) throw notFound('jurisdiction');
        return { root, ancestors: await listAncestors(ctx.db, scopePath) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/jurisdictions/boundaries',
      summary: 'Boundaries (GeoJSON, WGS84) of the administrative areas in scope',
      tags: ['org'],
      action: 'jurisdiction.read',
      node: 'actor',
      response: BoundaryCollection,
      handler: async ({ ctx, actor }) => {
        const rows = await listBoundaries(ctx.db, scopePathOf(actor));
        return {
          type: 'FeatureCollection' as const,
          features: rows.map((row) => ({
            type: 'Feature' as const,
            properties: { code: row.code, name: row.name, level: row.level },
            geometry: row.boundary as { type: string; coordinates: unknown },
          })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/schools',
      summary: 'Schools in scope, filtered by county, type and text; paged',
      tags: ['org'],
      action: 'school.read',
      query: SchoolListQuery,
      refs: { 'query.county': 'node' },
      node: 'query.county',
      response: SchoolPage,
      handler: async ({ ctx, query, node }) => {
        const page = await listSchools(ctx.db, { ...query, scopePath: node!.path });
        return { ...page, items: page.items.map(presentSchoolSummary) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/schools/:id',
      summary: 'One school with its canteens (licences) and camera status counts',
      tags: ['org'],
      action: 'school.read',
      params: IdParams,
      refs: { 'params.id': 'school' },
      node: 'params.id',
      response: SchoolDetail,
      handler: async ({ ctx, params, node }) => {
        const row = await getSchool(ctx.db, params.id, node!.path);
        if (!row) throw notFound('school');
        const now = ctx.now();
        return {
          ...presentSchoolSummary(row),
          principal: row.principal,
          phone: row.phone,
          publicNotice: row.public_notice,
          version: row.version,
          canteens: (await listCanteensOfSchool(ctx.db, row.id)).map((canteen) => presentCanteen(canteen, now)),
          cameraStatus: await cameraStatusCounts(ctx.db, row.id),
        };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/schools/:id',
      summary: "Edit a school's contact details and public notice (optimistic concurrency on version)",
      tags: ['org'],
      action: 'school.update',
      params: IdParams,
      body: SchoolUpdateBody,
      refs: { 'params.id': 'school' },
      node: 'params.id',
      errors: [409],
      response: z.object({ id: z.uuid(), version: z.number().int() }),
      handler: async ({ ctx, caller, params, body }) => {
        const version = await updateSchool(ctx, caller, params.id, body);
        return { id: params.id, version };
      },
    }),
  ];
}
