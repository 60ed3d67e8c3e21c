// The OpenAPI document, generated from the same route declarations (and zod schemas) that serve requests.
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { canPerformAnywhere, isPublicAction } from '../policy/policy';
import { openApiPath, type AnyRoute } from './define-route';

const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input',
  401: 'Login required',
  403: 'Not allowed for this role',
  404: 'Not found, or outside your jurisdiction',
  409: 'Conflict: changed by someone else (stale version) or not allowed in its state',
  413: 'The body or file is too large',
  415: 'The body is not of a type (or is compressed in a way) this route reads',
  429: 'Too many requests; try again after Retry-After',
  503: 'A counterpart the answer needs (a stream relay, a camera) is not available',
};

/** Every error status a route can answer with: what its declaration implies, and what it declares. */
export function errorStatusesOf(route: AnyRoute): number[] {
  const statuses = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.body || route.upload) statuses.add(400);
  if (!isPublicAction(route.action)) statuses.add(401);
  if (!isPublicAction(route.action) && !canPerformAnywhere(route.action)) statuses.add(403);
  if (route.params || route.refs || typeof route.node === 'function' || (typeof route.node === 'string' && route.node.includes('.'))) {
    statuses.add(404);
  }
  if (route.body || route.upload) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
}

/** The request body: JSON, or multipart with its file (a route whose file is optional takes either). */
function requestBodyOf(route: AnyRoute): ZodOpenApiOperationObject['requestBody'] {
  if (route.upload) {
    const fields = route.body instanceof z.ZodObject ? route.body : z.strictObject({});
    const file = z.string().meta({ format: 'binary' });
    const multipart = { schema: fields.extend({ [route.upload.field]: route.upload.optional ? file.optional() : file }) };
    return {
      required: true,
      content:
        route.upload.optional && route.body
          ? { 'application/json': { schema: route.body }, 'multipart/form-data': multipart }
          : { 'multipart/form-data': multipart },
    };
  }
  return route.body ? { required: true, content: { 'application/json': { schema: route.body } } } : undefined;
}

export function buildOpenApi(routes: readonly AnyRoute[], version: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const operation: ZodOpenApiOperationObject = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
      'x-action': route.action,
      // The records the request names, by where it names them: every one must lie in the caller's scope.
      ...(route.refs ? { 'x-refs': route.refs } : {}),
      requestParams: {
        ...(route.params ? { path: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
      },
      ...(requestBodyOf(route) ? { requestBody: requestBodyOf(route) } : {}),
      responses: {
        ...Object.fromEntries(
          [[route.status ?? 200, 'OK'] as const, ...Object.entries(route.otherStatuses ?? {})].map(([status, description]) => [
            String(status),
            route.response
              ? { description, content: { 'application/json': { schema: route.response } } }
              : {
                  description: status === (route.status ?? 200) ? (route.rawResponse?.description ?? description) : description,
                  content: { [route.rawResponse?.contentType ?? 'application/octet-stream']: {} },
                },
          ]),
        ),
        ...Object.fromEntries(errorStatusesOf(route).map((status) => [status, errorResponse(ERROR_DESCRIPTIONS[status]!)])),
      },
    };
    const key = openApiPath(route.path);
    paths[key] = { ...paths[key], [route.method]: operation };
  }
  return createDocument({
    openapi: '3.1.0',
    info: { title: 'Canteen Command API', version, description: 'School-canteen food-safety command and dispatch' },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'cc_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  });
}
