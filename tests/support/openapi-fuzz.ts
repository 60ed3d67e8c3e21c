// Requests generated from the OpenAPI document: a valid request for an operation (records it names taken from a
// given set, so it gets past the scope check to the schemas), then one change that every schema of ours must
// refuse — a wrong type, a missing or unknown field, a control character, a string too long or empty, a date
// that does not exist or lies outside the platform's years, a number out of range.
import fc from 'fast-check';
import { bodySchemaOf, resolved, type JsonSchema, type OpenApiDocument, type OperationEntry } from './openapi';

export interface FuzzRequest {
  method: string;
  url: string;
  body: unknown;
  /** What was changed, for the failure message. */
  mutation: string;
  /** Whether the change must be refused (4xx); otherwise only a well-formed answer is required. */
  mustRefuse: boolean;
}

/** Ids for the fields a route declares as records (x-refs), by kind; `county` for 6-digit node codes. */
export type RecordIds = Record<string, string>;

/** Whether a JSON schema is `true`-like: it accepts anything, so nothing put there must be refused. */
const acceptsAnything = (schema: JsonSchema) =>
  !schema.type && !schema.anyOf && !schema.oneOf && !schema.enum && !schema.$ref && schema.const === undefined && !schema.properties;

const CJK = [...'承德兴隆县食堂晨检留样陪餐消毒整改'];
const text = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...CJK, ...'abcdefghij0123456789'), minLength: min, maxLength: Math.max(min, Math.min(max, 12)) });

const day = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true });

function typesOf(doc: OpenApiDocument, schema: JsonSchema): Set<string> {
  const s = resolved(doc, schema);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return new Set(variants.flatMap((variant) => [...typesOf(doc, variant)]));
  if (s.enum) return new Set(s.enum.map((value) => (value === null ? 'null' : typeof value)));
  if (s.const !== undefined) return new Set([s.const === null ? 'null' : typeof s.const]);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return new Set(types.map((type) => (type === 'integer' ? 'number' : type)));
}

export class OpenApiFuzzer {
  constructor(
    private readonly doc: OpenApiDocument,
    private readonly ids: RecordIds,
  ) {}

  /** A valid value for a schema; `location` finds declared records (x-refs) below it. */
  valid(schema: JsonSchema, location: string, refs: Record<string, string>): fc.Arbitrary<unknown> {
    const s = resolved(this.doc, schema);
    const kind = refs[location];
    if (kind) {
      const id = kind === 'node' && s.pattern === '^\\d{6}$' ? this.ids.county : this.ids[kind];
      if (id) return fc.constant(id);
    }
    const variants = s.anyOf ?? s.oneOf;
    if (variants) return fc.oneof(...variants.map((variant) => this.valid(variant, location, refs)));
    if (s.enum) return fc.constantFrom(...s.enum);
    if (s.const !== undefined) return fc.constant(s.const);
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    switch (type) {
      case 'object': {
        const properties = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const shape = Object.fromEntries(
          Object.entries(properties).map(([key, child]) => [key, this.valid(child, `${location}.${key}`, refs)]),
        );
        return fc.record(shape, { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) });
      }
      case 'array':
        return fc.array(s.items ? this.valid(s.items, `${location}.*`, refs) : fc.constant(null), {
          minLength: s.minItems ?? 0,
          maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
        });
      case 'integer':
        return fc.integer({
          min: Math.ceil(s.minimum ?? s.exclusiveMinimum ?? 0),
          max: Math.floor(s.maximum ?? s.exclusiveMaximum ?? 1000),
        });
      case 'number':
        return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'string':
        if (s.format === 'uuid') return fc.uuid({ version: 4 });
        if (s.format === 'date') return day.map((date) => date.toISOString().slice(0, 10));
        if (s.format === 'date-time') return day.map((date) => date.toISOString());
        if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((value) => value.length <= (s.maxLength ?? 200));
        return text(s.minLength ?? 0, s.maxLength ?? 50);
      default:
        return fc.constant('x');
    }
  }

  /** Every field of a request with its schema: `params.id`, `query.q`, `body.answers.*.note`, … */
  private fields(entry: OperationEntry): Array<{ location: string; schema: JsonSchema; required: boolean }> {
    const found: Array<{ location: string; schema: JsonSchema; required: boolean }> = [];
    for (const parameter of entry.op.parameters ?? []) {
      found.push({
        location: `${parameter.in === 'path' ? 'params' : 'query'}.${parameter.name}`,
        schema: parameter.schema,
        required: !!parameter.required,
      });
    }
    const walk = (schema: JsonSchema, location: string, required: boolean, depth: number) => {
      const s = resolved(this.doc, schema);
      found.push({ location, schema: s, required });
      if (depth > 5) return;
      for (const variant of s.anyOf ?? s.oneOf ?? [s]) {
        const v = resolved(this.doc, variant);
        for (const [key, child] of Object.entries(v.properties ?? {}))
          walk(child, `${location}.${key}`, (v.required ?? []).includes(key), depth + 1);
        if (v.items) walk(v.items, `${location}.*`, false, depth + 1);
      }
    };
    const body = bodySchemaOf(entry.op);
    if (body) walk(body, 'body', true, 0);
    return found;
  }

  /** A request for an operation with one change the schemas must refuse. */
  mutated(entry: OperationEntry): fc.Arbitrary<FuzzRequest> {
    const refs = entry.op['x-refs'] ?? {};
    const fields = this.fields(entry);
    const params = (entry.op.parameters ?? []).filter((p) => p.in === 'path');
    const query = (entry.op.parameters ?? []).filter((p) => p.in === 'query');
    const bodySchema = bodySchemaOf(entry.op);
    const base = fc.record({
      params: fc.record(Object.fromEntries(params.map((p) => [p.name, this.valid(p.schema, `params.${p.name}`, refs).map(String)]))),
      query: fc.record(Object.fromEntries(query.map((p) => [p.name, this.valid(p.schema, `query.${p.name}`, refs)])), {
        requiredKeys: query.filter((p) => p.required).map((p) => p.name),
      }),
      body: bodySchema ? this.valid(bodySchema, 'body', refs) : fc.constant(undefined),
    });
    if (fields.length === 0) {
      // Nothing to refuse: a stray query of control characters must still get a well-formed answer (asked of
      // reads only: a route without input that changes something, logout, would just do it).
      return base.map(() => ({
        method: entry.method.toUpperCase(),
        url: `${entry.path}?x=%00%01`,
        body: undefined,
        mutation: 'stray query',
        mustRefuse: false,
      }));
    }
    const change = fc
      .constantFrom(...fields)
      .chain((field) => fc.tuple(fc.constant(field), this.badValue(field.schema, field.location, field.required)));
    return (
      fc
        .tuple(base, change)
        .map(([request, [field, bad]]) => {
          const parts = structuredClone(request) as { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown };
          const [part, ...path] = field.location.split('.') as ['params' | 'query' | 'body', ...string[]];
          // Leaving out a field the request did not have changes nothing (in a union, another variant may lack it).
          const noChange = bad.value === undefined && !existsAt(part === 'body' ? parts.body : parts[part], path);
          if (part === 'body') parts.body = setAt(parts.body, path, bad.value);
          else setAt(parts[part], path, bad.value);
          return {
            method: entry.method.toUpperCase(),
            url: urlOf(entry.path, parts.params, parts.query),
            body: parts.body,
            mutation: `${field.location}: ${bad.what}`,
            mustRefuse: bad.mustRefuse && !noChange,
          };
        })
        // A change that changed nothing would send a valid request, which may write: only real changes go.
        .filter((request) => request.mustRefuse)
    );
  }

  /** A value the schema of a field must refuse, or MISSING (left out) for a required one. */
  private badValue(
    schema: JsonSchema,
    location: string,
    required: boolean,
  ): fc.Arbitrary<{ value: unknown; what: string; mustRefuse: boolean }> {
    const s = resolved(this.doc, schema);
    const onWire = location.startsWith('params.') || location.startsWith('query.');
    const types = typesOf(this.doc, s);
    const options: Array<fc.Arbitrary<{ value: unknown; what: string; mustRefuse: boolean }>> = [];
    const refuse = (what: string, value: fc.Arbitrary<unknown>) => options.push(value.map((v) => ({ value: v, what, mustRefuse: true })));
    const inPath = location.startsWith('params.');
    if (required && !inPath && location !== 'body') refuse('missing', fc.constant(undefined));
    // A control character, anywhere in any field, is refused before a route looks at it.
    refuse(
      'control character',
      fc.tuple(fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u001b', '\u007f'), text(0, 5)).map(([c, t]) => `${t}${c}${t}`),
    );
    // In a URL, ASCII and under Node's 16 KB header limit (beyond it Node itself answers 431 before any route).
    const long = (n: number) => (onWire ? 'x' : '长').repeat(n);
    if (types.has('string') && s.maxLength !== undefined) {
      refuse(
        'too long',
        fc.integer({ min: s.maxLength + 1, max: onWire ? Math.max(s.maxLength + 1, 8000) : s.maxLength + 20000 }).map(long),
      );
    } else if (types.has('string') && !s.enum && !s.format && !s.pattern) {
      refuse('huge string', fc.constant(long(onWire ? 8000 : 200_000)));
    }
    // An empty path parameter is another URL (another route), not an empty value.
    if (!inPath && types.has('string') && ((s.minLength ?? 0) > 0 || s.pattern || s.format || s.enum) && !types.has('null')) {
      refuse('empty', fc.constant(''));
    }
    if (s.format === 'date' || s.format === 'date-time') {
      const suffix = s.format === 'date' ? '' : 'T08:00:00+08:00';
      refuse(
        'impossible date',
        fc.constantFrom('2026-02-30', '2026-13-01', '0000-01-01', '0999-12-31', '9999-12-31', '2100-01-01').map((d) => d + suffix),
      );
    }
    if (types.has('number') && !types.has('string')) {
      const low = s.minimum ?? s.exclusiveMinimum;
      const high = s.maximum ?? s.exclusiveMaximum;
      if (low !== undefined)
        refuse(
          'below minimum',
          fc.constantFrom(low - 1, low - 1e6).map((n) => (onWire ? String(n) : n)),
        );
      if (high !== undefined)
        refuse(
          'above maximum',
          fc.constantFrom(high + 1, high + 1e6).map((n) => (onWire ? String(n) : n)),
        );
      refuse('not a number', fc.constant(onWire ? 'abc' : 'abc'));
    }
    if (s.enum && types.has('string')) refuse('not among its values', fc.constant('zz-not-a-value'));
    if (s.format === 'uuid' || s.pattern) refuse('wrong shape', fc.constant('not/an-id..'));
    if (!onWire && !acceptsAnything(s)) {
      const wrong = [
        ['number', 7],
        ['string', 'seven'],
        ['boolean', true],
        ['object', { seven: 7 }],
        ['array', [7]],
      ] as const;
      const others = wrong.filter(([type]) => !types.has(type) && !(type === 'number' && types.has('integer')));
      if (others.length > 0 && types.size > 0) refuse('wrong type', fc.constantFrom(...others.map(([, value]) => value)));
      // Every object of a request is strict: a field it does not know is refused, not silently dropped (only a
      // map, whose values have a schema of their own, takes any key).
      if (types.has('object') && typeof s.additionalProperties !== 'object') {
        refuse(
          'unknown field',
          fc.constant('__unknown__').map(() => UNKNOWN_FIELD),
        );
      }
    }
    return fc.oneof(...options);
  }
}

/** Put in place of an object to ask for it with one field it does not know. */
const UNKNOWN_FIELD = Symbol('unknown field');

function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value === UNKNOWN_FIELD ? { ...(root as object), isAdmin: true } : value;
  const [segment, ...rest] = path;
  if (segment === '*') {
    // An element made for the change, if there was none: the change is always in the request.
    const list = Array.isArray(root) ? root : [];
    list[0] = setAt(list[0], rest, value);
    return list;
  }
  const object = root !== null && typeof root === 'object' && !Array.isArray(root) ? (root as Record<string, unknown>) : {};
  if (rest.length === 0 && value === UNKNOWN_FIELD) object[segment!] = { ...(object[segment!] as object), isAdmin: true };
  else object[segment!] = setAt(object[segment!], rest, value);
  return object;
}

function existsAt(root: unknown, path: readonly string[]): boolean {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return false;
    current = segment === '*' ? (current as unknown[])[0] : (current as Record<string, unknown>)[segment];
  }
  return current !== undefined;
}

function urlOf(path: string, params: Record<string, unknown>, query: Record<string, unknown>): string {
  const filled = path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(typeof params[name] === 'string' ? params[name] : JSON.stringify(params[name] ?? '')),
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value])
      search.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}
