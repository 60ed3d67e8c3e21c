import { z } from 'zod';
import { NodeCode } from '../org/schemas';

export const AttachmentIds = z.array(z.uuid()).max(12).default([]);

export const UploadQuery = z.strictObject({
  /** Jurisdiction code the file belongs to (a school or county); defaults to your own node. */
  node: NodeCode.optional(),
  purpose: z.enum(['evidence', 'snapshot', 'patrol']).default('evidence'),
});

export const Attachment = z
  .object({ id: z.uuid(), mime: z.string(), bytes: z.number().int(), width: z.number().int(), height: z.number().int() })
  .meta({ id: 'Attachment' });
