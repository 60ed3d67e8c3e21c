import { z } from 'zod';
import { pageOf, pagingQuery, searchText } from '../http/paging';
import { CAMERA_AREAS, CAMERA_STATUSES } from '../cameras/schemas';
import { AdminCode, LicenceStatus, OPERATION_MODES, SCHOOL_TYPES } from '../org/schemas';
import { Grade } from '../risk/schemas';

export const PublicSchoolQuery = z.strictObject({
  q: searchText,
  county: AdminCode.optional(),
  ...pagingQuery,
});

export const PublicSchoolSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(SCHOOL_TYPES),
  address: z.string(),
  county: z.object({ code: z.string(), name: z.string() }),
});
export const PublicSchoolPage = pageOf(PublicSchoolSummary);

/** What a parent may see of a school: public disclosure, licences, and the cameras marked public. */
export const PublicSchoolDetail = PublicSchoolSummary.extend({
  publicNotice: z.string().nullable(),
  canteens: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      operationMode: z.enum(OPERATION_MODES),
      diners: z.number().int(),
      licenceNo: z.string(),
      licenceExpiry: z.string(),
      licenceStatus: LicenceStatus,
      /** The canteen's current risk grade (A best … D worst); null until it is first graded. */
      riskGrade: Grade.nullable(),
    }),
  ),
  cameras: z.array(z.object({ id: z.uuid(), name: z.string(), area: z.enum(CAMERA_AREAS), status: z.enum(CAMERA_STATUSES) })),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
});

/** Counties with schools, for the search's county filter. */
export const PublicCounties = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });
