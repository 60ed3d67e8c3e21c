import { z } from 'zod';
import { pageOf, pagingQuery, searchText } from '../http/paging';
import { LEVELS } from '../policy/actor';
import { NODE_CODE_PATTERN } from '../policy/record-kinds';

export const SCHOOL_TYPES = ['kindergarten', 'primary', 'middle', 'boarding'] as const;
export const OPERATION_MODES = ['self_run', 'contracted'] as const;

export const AdminCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit administrative code');
/** Any node of the tree by its code: a province, city or county (6 digits) or a school (longer). */
export const NodeCode = z.string().regex(NODE_CODE_PATTERN, 'must be a jurisdiction code');
export const IdParams = z.strictObject({ id: z.uuid() });

export const JurisdictionNode: z.ZodType<JurisdictionNodeShape> = z.lazy(() =>
  z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    level: z.enum(LEVELS),
    centerLng: z.number().nullable(),
    centerLat: z.number().nullable(),
    schoolCount: z.number().int(),
    canteenCount: z.number().int(),
    cameraCount: z.number().int(),
    children: z.array(JurisdictionNode),
  }),
);
export interface JurisdictionNodeShape {
  id: string;
  code: string;
  name: string;
  level: (typeof LEVELS)[number];
  centerLng: number | null;
  centerLat: number | null;
  schoolCount: number;
  canteenCount: number;
  cameraCount: number;
  children: JurisdictionNodeShape[];
}

export const JurisdictionTree = z.object({
  root: JurisdictionNode,
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(LEVELS) })),
});

export const BoundaryCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ code: z.string(), name: z.string(), level: z.enum(LEVELS) }),
      geometry: z.object({ type: z.string(), coordinates: z.unknown() }),
    }),
  ),
});

export const SchoolListQuery = z.strictObject({
  county: AdminCode.optional(),
  type: z.enum(SCHOOL_TYPES).optional(),
  q: searchText,
  ...pagingQuery,
});

export const SchoolSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  /** The code of the school's own jurisdiction node: where its settings (such as its calendar) are kept. */
  nodeCode: z.string(),
  name: z.string(),
  type: z.enum(SCHOOL_TYPES),
  address: z.string(),
  county: z.object({ code: z.string(), name: z.string() }),
  lng: z.number(),
  lat: z.number(),
  students: z.number().int(),
  canteenCount: z.number().int(),
  cameraCount: z.number().int(),
});
export const SchoolPage = pageOf(SchoolSummary);

export const LicenceStatus = z.enum(['valid', 'expiring', 'expired']);

export const Canteen = z.object({
  id: z.uuid(),
  name: z.string(),
  operationMode: z.enum(OPERATION_MODES),
  contractor: z.string().nullable(),
  diners: z.number().int(),
  licenceNo: z.string(),
  licenceExpiry: z.string(),
  licenceStatus: LicenceStatus,
  lng: z.number(),
  lat: z.number(),
});

export const SchoolDetail = SchoolSummary.extend({
  principal: z.string().nullable(),
  phone: z.string().nullable(),
  publicNotice: z.string().nullable(),
  version: z.number().int(),
  canteens: z.array(Canteen),
  cameraStatus: z.record(z.string(), z.number().int()),
});

export const SchoolUpdateBody = z.strictObject({
  version: z.number().int().min(1),
  principal: z.string().trim().min(1).max(50).nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, 'must be a phone number')
    .nullable()
    .optional(),
  publicNotice: z.string().trim().max(2000).nullable().optional(),
  students: z.number().int().min(0).max(100000).optional(),
});
