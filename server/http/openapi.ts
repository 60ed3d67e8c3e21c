// The OpenAPI document, generated from the same route declarations (and zod schemas) that serve requests.
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
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

export function buildOpenApi(routes: readonly AnyRoute[], version: string): ReturnType<typeof createDocument> {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const operation: ZodOpenApiOperationObject = {
      summary: route.summary,
      tags: route.tags,
      operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
      'x-action': route.action,
      requestParams: {
        ...(route.params ? { path: route.params as z.ZodObject } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
      },
      ...(route.upload
        ? {
            requestBody: {
              content: {
                'multipart/form-data': {
                  schema: (route.body instanceof z.ZodObject ? route.body : z.object({})).extend({
                    [route.upload.field]: z.string().meta({ format: 'binary' }),
                  }),
                },
              },
            },
          }
        : route.body
          ? { requestBody: { content: { 'application/json': { schema: route.body } } } }
          : {}),
      responses: {
        [String(route.status ?? 200)]: route.response
          ? { description: 'OK', content: { 'application/json': { schema: route.response } } }
          : {
              description: route.rawResponse?.description ?? 'OK',
              content: { [route.rawResponse?.contentType ?? 'application/octet-stream']: {} },
            },
        400: errorResponse('Invalid input'),
        401: errorResponse('Login required'),
        403: errorResponse('Not allowed for this role'),
        404: errorResponse('Not found, or outside your jurisdiction'),
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
