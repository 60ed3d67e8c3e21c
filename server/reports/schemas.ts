import { z } from 'zod';
import { PeriodId } from '../../analytics/assessment';
import { AdminCode } from '../org/schemas';

export const BulletinRequest = z.strictObject({
  period: PeriodId,
  /** A city's bulletin, by a province user; else the bulletin of the caller's own node. */
  city: AdminCode.optional(),
  /** A county's bulletin, by a city (or province) user; else the bulletin of the caller's own node. */
  county: AdminCode.optional(),
});

export const BulletinListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const Bulletin = z
  .object({
    id: z.uuid(),
    node: z.object({ code: z.string(), name: z.string() }),
    period: z.object({ id: z.string(), label: z.object({ zh: z.string(), en: z.string() }) }),
    status: z.enum(['queued', 'building', 'ready', 'failed']),
    progress: z.number().int().min(0).max(100),
    files: z.object({ pdf: z.string().nullable(), xlsx: z.string().nullable() }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Bulletin' });

export const BulletinList = z.object({ items: z.array(Bulletin) }).meta({ id: 'BulletinList' });
