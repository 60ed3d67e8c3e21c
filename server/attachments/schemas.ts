import { z } from 'zod';

export const AttachmentIds = z.array(z.uuid()).max(12).default([]);

export const UploadQuery = z.strictObject({
  /** Jurisdiction code the file belongs to (a school or county); defaults to your own node. */
  node: z
    .string()
    .regex(/^\d{6,12}$/, 'must be a jurisdiction code')
    .optional(),
  purpose: z.enum(['evidence', 'snapshot', 'patrol']).default('evidence'),
});

export const Attachment = z
  .object({ id: z.uuid(), mime: z.string(), bytes: z.number().int(), width: z.number().int(), height: z.number().int() })
  .meta({ id: 'Attachment' });
