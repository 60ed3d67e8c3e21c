// Transport for uploading images (evidence, snapshots) and reading them back, in scope only.
import type { Response } from 'express';
import { whereWithin } from '../db/scope';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { findNodeByCode } from '../org/queries';
import { IdParams } from '../org/schemas';
import { scopePathOf } from '../policy/policy';
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
      node: async ({ ctx, actor, params }) => {
        const row = await findAttachment(ctx.db, params.id);
        if (!row) return null;
        const scope = scopePathOf(actor);
        if (row.scope_path.startsWith(scope)) return { path: row.scope_path };
        // A notice shared down the tree (a city's file on tasks to its schools) is visible with the task.
        const task = (await whereWithin(ctx.db('task_events as e').join('tasks as t', 't.id', 'e.task_id'), 't.scope_path', scope)
          .whereRaw('e.attachment_ids @> ARRAY[?]::uuid[]', [row.id])
          .first('t.scope_path')) as { scope_path: string } | undefined;
        return { path: task?.scope_path ?? row.scope_path };
      },
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
      node: async ({ ctx, actor, query }) => (query.node ? findNodeByCode(ctx.db, query.node) : { path: scopePathOf(actor) }),
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
