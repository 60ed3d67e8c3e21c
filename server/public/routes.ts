// Transport for the public (parents): find a school, read its public disclosure. No login.
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { storeAttachment } from '../attachments/commands/storeAttachment';
import { rateSchool, submitComplaint } from '../complaints/commands/complaints';
import { getComplaintByCode, schoolRating } from '../complaints/queries';
import { ComplaintBody, ComplaintStatus, RatingBody, TrackingCode } from '../complaints/schemas';
import { notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { presentCanteen } from '../org/presenters';
import { IdParams } from '../org/schemas';
import {
  getPublicSchool,
  listPublicCameras,
  listPublicCanteens,
  listPublicCounties,
  searchPublicSchools,
  type PublicSchoolRow,
} from './queries';
import { PublicCounties, PublicSchoolDetail, PublicSchoolPage, PublicSchoolQuery } from './schemas';

const presentSummary = (row: PublicSchoolRow) => ({
  id: row.id,
  name: row.name,
  type: row.type,
  address: row.address,
  county: { code: row.county_code, name: row.county_name },
});

export interface PublicRouteDeps {
  complaintRateLimit: RequestHandler;
  ratingRateLimit: RequestHandler;
  uploadMaxBytes: number;
}

export function publicRoutes(deps: PublicRouteDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/public/counties',
      summary: 'The counties that have schools, to narrow a school search (no login)',
      tags: ['public'],
      action: 'public.read',
      node: 'none',
      response: PublicCounties,
      handler: async ({ ctx }) => ({ items: await listPublicCounties(ctx.db) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/public/schools',
      summary: 'Find a school by name or address (no login)',
      tags: ['public'],
      action: 'public.read',
      node: 'none',
      query: PublicSchoolQuery,
      refs: { 'query.county': 'node' },
      response: PublicSchoolPage,
      handler: async ({ ctx, query }) => {
        const page = await searchPublicSchools(ctx.db, query);
        return { ...page, items: page.items.map(presentSummary) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/public/schools/:id',
      summary: "A school's public disclosure: canteen licences and the cameras marked public (no login)",
      tags: ['public'],
      action: 'public.read',
      node: 'none',
      params: IdParams,
      refs: { 'params.id': 'school' },
      response: PublicSchoolDetail,
      handler: async ({ ctx, params }) => {
        const row = await getPublicSchool(ctx.db, params.id);
        if (!row) throw notFound('school');
        const now = ctx.now();
        const canteens = (await listPublicCanteens(ctx.db, row.id)).map((canteen) => {
          const shown = presentCanteen(canteen, now);
          return {
            id: shown.id,
            name: shown.name,
            operationMode: shown.operationMode,
            diners: shown.diners,
            licenceNo: shown.licenceNo,
            licenceExpiry: shown.licenceExpiry,
            licenceStatus: shown.licenceStatus,
            riskGrade: canteen.risk_grade,
          };
        });
        return {
          ...presentSummary(row),
          publicNotice: row.public_notice,
          canteens,
          cameras: await listPublicCameras(ctx.db, row.id),
          rating: await schoolRating(ctx.db, row.id),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/public/complaints',
      summary: 'File a complaint about a school (no login; JSON, or multipart with an optional "photo"); returns a tracking code',
      tags: ['public'],
      action: 'public.read',
      node: 'none',
      middleware: [deps.complaintRateLimit],
      upload: { field: 'photo', maxBytes: deps.uploadMaxBytes, optional: true },
      body: ComplaintBody,
      refs: { 'body.schoolId': 'school' },
      errors: [429],
      response: z.object({ trackingCode: z.string(), status: z.literal('received') }),
      status: 201,
      handler: async ({ ctx, body, file, caller }) => {
        const school = (await ctx.db('schools').where({ id: body.schoolId }).first('scope_path')) as { scope_path: string } | undefined;
        if (!school) throw notFound('school');
        const photo = file
          ? await storeAttachment(ctx, caller, {
              data: file.buffer,
              originalName: file.originalName,
              purpose: 'complaint',
              scopePath: school.scope_path,
            })
          : undefined;
        const { trackingCode } = await submitComplaint(ctx, { ...body, photoId: photo?.id, ip: caller.ip });
        return { trackingCode, status: 'received' as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/public/complaints/:code',
      summary: 'The status of a complaint and the reply to it, by tracking code (no login)',
      tags: ['public'],
      action: 'public.read',
      node: 'none',
      params: z.strictObject({ code: TrackingCode }),
      response: ComplaintStatus,
      handler: async ({ ctx, params }) => {
        const row = await getComplaintByCode(ctx.db, params.code);
        if (!row) throw notFound('complaint');
        return {
          trackingCode: row.tracking_code,
          school: row.school_name,
          category: row.category,
          status: row.status,
          reply: row.reply,
          createdAt: row.created_at.toISOString(),
          repliedAt: row.replied_at?.toISOString() ?? null,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/public/schools/:id/ratings',
      summary: "Rate a school's canteen from 1 to 5 stars (no login)",
      tags: ['public'],
      action: 'public.read',
      node: 'none',
      middleware: [deps.ratingRateLimit],
      params: IdParams,
      body: RatingBody,
      refs: { 'params.id': 'school' },
      errors: [429],
      response: z.object({ average: z.number().nullable(), count: z.number().int() }),
      status: 201,
      handler: async ({ ctx, params, body, caller }) => {
        await rateSchool(ctx, params.id, { ...body, ip: caller.ip });
        return schoolRating(ctx.db, params.id);
      },
    }),
  ];
}
