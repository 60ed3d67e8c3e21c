// The evidence clip of an alert, as MP4 with byte ranges (a <video> seeks with them), scoped like the alert.
import type { Response } from 'express';
import { parseByteRange } from '../../../stream-relay/playback';
import { notFound } from '../../errors';
import { defineRoute, type AnyRoute } from '../../http/define-route';
import { IdParams } from '../../org/schemas';
import type { FileStorage } from '../../storage/file-storage';
import { readyClip } from './queries';

export function alertClipRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/alerts/:id/clip',
      summary: "The alert's evidence clip (MP4, with range requests); 404 until it is ready",
      tags: ['alerts', 'video'],
      action: 'alert.read',
      params: IdParams,
      refs: { 'params.id': 'alert' },
      node: 'params.id',
      otherStatuses: { 206: 'The part of the clip asked for (Range header)', 416: 'The range asked for lies outside the clip' },
      rawResponse: { contentType: 'video/mp4', description: 'The clip (supports Range)' },
      handler: async ({ ctx, params, req, res }) => {
        const clip = await readyClip(ctx.db, params.id);
        if (!clip) throw notFound('clip');
        await sendClip(res, ctx.storage, clip.storage_key, clip.bytes, req.headers.range);
        return undefined;
      },
    }),
  ];
}

function sendClip(res: Response, storage: FileStorage, key: string, total: number, rangeHeader: string | undefined): Promise<undefined> {
  const range = parseByteRange(rangeHeader, total);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
  res.setHeader('Content-Type', 'video/mp4');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (range === 'unsatisfiable') {
    res.status(416).setHeader('Content-Range', `bytes */${total}`).end();
    return Promise.resolve(undefined);
  }
  const part = range ?? { start: 0, end: total - 1 };
  res.status(range ? 206 : 200);
  if (range) res.setHeader('Content-Range', `bytes ${part.start}-${part.end}/${total}`);
  res.setHeader('Content-Length', String(part.end - part.start + 1));
  return new Promise((resolve, reject) => {
    const stream = storage.open(key, part);
    stream.once('error', reject);
    res.once('close', () => {
      stream.destroy();
      resolve(undefined);
    });
    stream.pipe(res);
  });
}
