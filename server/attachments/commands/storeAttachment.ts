// Stores an uploaded image under the storage interface and records it, bound to a jurisdiction node.
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DomainContext } from '../../context';
import type { Caller } from '../../policy/actor';
import { shanghaiDate } from '../../time';
import { checkFileName, processImage } from '../image';

export type AttachmentPurpose = 'evidence' | 'snapshot' | 'complaint' | 'patrol';

export interface StoredAttachment {
  id: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
}

export async function storeAttachment(
  ctx: DomainContext,
  caller: Caller,
  input: { data: Buffer; originalName?: string | undefined; purpose: AttachmentPurpose; scopePath: string },
): Promise<StoredAttachment> {
  const originalName = checkFileName(input.originalName);
  const image = await processImage(input.data);
  const id = uuidv7();
  const day = shanghaiDate(ctx.now()).replaceAll('-', '/');
  const storageKey = `attachments/${day}/${id}.${image.extension}`;
  const thumbKey = `attachments/${day}/${id}.thumb.jpg`;
  await ctx.storage.put(storageKey, image.data);
  await ctx.storage.put(thumbKey, image.thumbnail);
  const actor = caller.actor;
  try {
    await ctx.db('attachments').insert({
      id,
      scope_path: input.scopePath,
      purpose: input.purpose,
      uploaded_by_kind: actor.kind,
      uploaded_by: actor.kind === 'user' || actor.kind === 'service' ? actor.id : null,
      mime: image.mime,
      bytes: image.data.length,
      width: image.width,
      height: image.height,
      sha256: createHash('sha256').update(image.data).digest('hex'),
      storage_key: storageKey,
      thumb_key: thumbKey,
      original_name: originalName,
    });
  } catch (error) {
    await Promise.allSettled([ctx.storage.remove(storageKey), ctx.storage.remove(thumbKey)]);
    throw error;
  }
  return { id, mime: image.mime, bytes: image.data.length, width: image.width, height: image.height };
}
