// Reading the server's own OpenAPI document in tests: its operations, the JSON schema of any request field, and
// requests built from it. The route table as the server publishes it is what the scope matrix and the input
// fuzzer walk, so a new route is tested without anyone adding it by hand.
export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  propertyNames?: JsonSchema;
}

export interface Parameter {
  in: 'path' | 'query';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  'x-action': string;
  'x-refs'?: Record<string, string>;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface OperationEntry {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  op: Operation;
}

export function operationsOf(doc: OpenApiDocument): OperationEntry[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method as OperationEntry['method'], path, op: op! })),
  );
}

/** A schema with its `$ref` followed. */
export function resolved(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = doc.components?.schemas?.[name];
  if (!target) throw new Error(`unknown $ref ${schema.$ref}`);
  return resolved(doc, target);
}

/** The JSON body schema of an operation (JSON first, else multipart). */
export function bodySchemaOf(op: Operation): JsonSchema | undefined {
  const content = op.requestBody?.content;
  return content?.['application/json']?.schema ?? content?.['multipart/form-data']?.schema;
}

/** The schema of the field at a location such as `query.county` or `body.answers.*.snapshotIds.*`. */
export function schemaAt(doc: OpenApiDocument, op: Operation, location: string): JsonSchema | undefined {
  const [part, ...path] = location.split('.');
  let schema: JsonSchema | undefined;
  if (part === 'params' || part === 'query') {
    const [name, ...rest] = path;
    schema = op.parameters?.find((p) => p.in === (part === 'params' ? 'path' : 'query') && p.name === name)?.schema;
    path.splice(0, path.length, ...rest);
  } else {
    schema = bodySchemaOf(op);
  }
  for (const segment of path) {
    if (!schema) return undefined;
    schema = resolved(doc, schema);
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants) schema = variants.map((variant) => resolved(doc, variant)).find((variant) => hasSegment(variant, segment)) ?? variants[0];
    schema =
      segment === '*'
        ? (schema!.items ?? (typeof schema!.additionalProperties === 'object' ? schema!.additionalProperties : undefined))
        : schema!.properties?.[segment];
  }
  return schema && resolved(doc, schema);
}

const hasSegment = (schema: JsonSchema, segment: string) =>
  segment === '*' ? Boolean(schema.items) : Boolean(schema.properties?.[segment]);

/** A value nested at a path below a body: `['answers', '*', 'snapshotIds', '*']` → `{ answers: [{ snapshotIds: [value] }] }`. */
export function nestedAt(path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [segment, ...rest] = path;
  return segment === '*' ? [nestedAt(rest, value)] : { [segment!]: nestedAt(rest, value) };
}

/** The path of an operation with its `{param}`s filled in. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (!(name in params)) throw new Error(`no value for {${name}} of ${path}`);
    return encodeURIComponent(params[name]!);
  });
}

/** The statuses an operation documents. */
export const documentedStatuses = (op: Operation) => Object.keys(op.responses).map(Number);
