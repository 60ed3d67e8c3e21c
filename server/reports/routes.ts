// Transport for bulletins: start a build (202, or 200 with the build already running), read its progress,
// list past ones in scope, download the PDF or XLSX. Each bulletin belongs to its node: outside the caller's
// scope it does not exist (404), files included.
import type { Response } from 'express';
import { parsePeriod } from '../../analytics/assessment';
import { notFound } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { findNodeByCode } from '../org/queries';
import { IdParams } from '../org/schemas';
import { scopePathOf } from '../policy/policy';
import type { FileStorage } from '../storage/file-storage';
import { buildBulletin, requestBulletin } from './commands/buildBulletin';
import type { BulletinNode } from './content';
import { findBulletin, listBulletins, type BulletinRow } from './queries';
import { Bulletin, BulletinList, BulletinListQuery, BulletinRequest } from './schemas';

const FILE_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const present = (row: BulletinRow) => ({
  id: row.id,
  node: { code: row.node_code, name: row.node_name },
  period: { id: row.period_id, label: parsePeriod(row.period_id).label },
  status: row.status,
  progress: row.progress,
  files: {
    pdf: row.pdf_key ? `/api/bulletins/${row.id}/pdf` : null,
    xlsx: row.xlsx_key ? `/api/bulletins/${row.id}/xlsx` : null,
  },
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  error: row.error,
});

function sendFile(res: Response, storage: FileStorage, key: string, type: keyof typeof FILE_TYPES, name: string): Promise<undefined> {
  return new Promise((resolve, reject) => {
    res.setHeader('Content-Type', FILE_TYPES[type]);
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="bulletin.${type}"; filename*=UTF-8''${encodeURIComponent(`${name}.${type}`)}`,
    );
    const stream = storage.open(key);
    stream.once('error', reject);
    stream.once('end', () => resolve(undefined));
    stream.pipe(res);
  });
}

export function bulletinRoutes(): AnyRoute[] {
  const download = (type: keyof typeof FILE_TYPES) =>
    defineRoute({
      method: 'get',
      path: `/api/bulletins/:id/${type}`,
      summary: `A ready bulletin as ${type.toUpperCase()}, in your jurisdiction`,
      tags: ['bulletins'],
      action: 'bulletin.read',
      params: IdParams,
      refs: { 'params.id': 'bulletin' },
      node: 'params.id',
      rawResponse: { contentType: FILE_TYPES[type], description: `The bulletin (${type})` },
      handler: async ({ ctx, params, res }) => {
        const row = (await findBulletin(ctx.db, params.id))!;
        const key = type === 'pdf' ? row.pdf_key : row.xlsx_key;
        if (row.status !== 'ready' || !key) throw notFound('bulletin file (the bulletin is not ready)');
        return sendFile(res, ctx.storage, key, type, `${row.node_name}通报-${row.period_id}`);
      },
    });

  return [
    defineRoute({
      method: 'post',
      path: '/api/bulletins',
      summary: 'Build the bulletin of a period for your node (or a city or county in it); returns the build running for it if there is one',
      tags: ['bulletins'],
      action: 'bulletin.create',
      body: BulletinRequest,
      refs: { 'body.city': 'node', 'body.county': 'node' },
      node: async ({ ctx, actor, body }) => {
        const named = body.county ? { code: body.county, level: 'county' } : body.city ? { code: body.city, level: 'city' } : null;
        if (!named) return { path: scopePathOf(actor) };
        const node = await findNodeByCode(ctx.db, named.code);
        return node?.level === named.level ? node : undefined;
      },
      response: Bulletin,
      otherStatuses: { 200: 'The bulletin of that period and node already exists or is being built' },
      status: 202,
      handler: async ({ ctx, caller, actor, body, res }) => {
        const code = body.county ?? body.city;
        const node = (await ctx
          .db('jurisdictions')
          .where(code ? { code } : { path: scopePathOf(actor) })
          .first('id', 'code', 'name', 'level', 'path')) as BulletinNode;
        const { bulletin, created } = await requestBulletin(ctx, caller, { node, periodId: body.period });
        if (created) void buildBulletin(ctx, bulletin.id);
        else res.status(200);
        return present(bulletin);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/bulletins',
      summary: 'Bulletins of your jurisdiction and the nodes in it, newest first',
      tags: ['bulletins'],
      action: 'bulletin.read',
      query: BulletinListQuery,
      node: 'actor',
      response: BulletinList,
      handler: async ({ ctx, query, node }) => ({ items: (await listBulletins(ctx.db, node!.path, query.limit)).map(present) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/bulletins/:id',
      summary: "A bulletin's status and build progress (also pushed as bulletin.progress events)",
      tags: ['bulletins'],
      action: 'bulletin.read',
      params: IdParams,
      refs: { 'params.id': 'bulletin' },
      node: 'params.id',
      response: Bulletin,
      handler: async ({ ctx, params }) => present((await findBulletin(ctx.db, params.id))!),
    }),
    download('pdf'),
    download('xlsx'),
  ];
}
