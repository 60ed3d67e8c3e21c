// Transport for uploading images (evidence, snapshots) and reading them back, in scope only.
import type { Response } from 'express';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { IdParams } from '../org/schemas';
import type { FileStorage } from '../storage/file-storage';
import { storeAttachment } from './commands/storeAttachment';
import { findAttachment, type AttachmentRow } from './queries';
import { Attachment, UploadQuery } from './schemas';

function send(res: Response, storage: FileStorage, row: AttachmentRow, thumb: boolean): Promise<undefined> {
  return new Promise((resolve, reject) => {
    res.setHeader('Content-Type', thumb ? 'image/jpeg' : row.mime);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Disposition', `inline; filename="${row.id}.${thumb ? 'jpg' : row.mime.split('/')[1]}"`);
    const stream = storage.open(thumb ? row.thumb_key : row.storage_key);
    stream.once('error', reject);
    stream.once('end', () => resolve(undefined));
    stream.pipe(res);
  });
}

export function attachmentRoutes(deps: { maxBytes: number }): AnyRoute[] {
  const read = (thumb: boolean) =>
    defineRoute({
      method: 'get',
      path: thumb ? '/api/attachments/:id/thumb' : '/api/attachments/:id',
      summary: thumb ? 'A 320-pixel-wide JPEG thumbnail of an attachment' : 'An attachment (image) in your jurisdiction',
      tags: ['attachments'],
      action: 'attachment.read',
      params: IdParams,
      refs: { 'params.id': 'attachment' },
      node: 'params.id',
      rawResponse: { contentType: 'image/*', description: 'The image' },
      handler: async ({ ctx, params, res }) => send(res, ctx.storage, (await findAttachment(ctx.db, params.id))!, thumb),
    });

  return [
    defineRoute({
      method: 'post',
      path: '/api/attachments',
      summary: 'Upload an image (JPEG, PNG, WebP) as multipart field "file"; metadata is stripped',
      tags: ['attachments'],
      action: 'attachment.upload',
      query: UploadQuery,
      upload: { field: 'file', maxBytes: deps.maxBytes },
      refs: { 'query.node': 'node' },
      node: 'query.node',
      response: Attachment,
      status: 201,
      handler: async ({ ctx, caller, query, node, file }) =>
        storeAttachment(ctx, caller, {
          data: file!.buffer,
          originalName: file!.originalName,
          purpose: query.purpose,
          scopePath: node!.path,
        }),
    }),
    read(false),
    read(true),
  ];
}
