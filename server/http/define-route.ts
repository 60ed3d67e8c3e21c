// A route is declared once: method, path, the action it performs, the node it touches, its zod schemas and a
// handler. From that one declaration come the validation, the policy check and the OpenAPI document, so no
// route can forget any of them. Handlers receive validated input and the authorized node; they call commands
// and queries and return what the response schema describes.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ZodObject, type ZodType } from 'zod';
import type { DomainContext } from '../context';
import type { Actor, Caller, ScopeNode } from '../policy/actor';
import { assertMayPerform, authorize, isPublicAction, type Action } from '../policy/policy';
import { DomainError, notFound } from '../errors';
import { looksLikeId, resolveRecords, type RecordKindName, type RecordNode } from '../policy/record-kinds';
import { assertCleanInput } from './input-guard';
import { receiveUpload, type UploadedFile, type UploadSpec } from './upload';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** What a route's node must at least be: the policy decides by its path. */
export type AuthorizedNode = Pick<ScopeNode, 'path'>;

/**
 * Where a request names a record: `params.id`, `query.school`, `body.attachmentIds.*` (`*`: every element of an
 * array, or every value of an object).
 */
export type RefLocation = `${'params' | 'query' | 'body'}.${string}`;

/** The records a route's input names, by where they are named. */
export type Refs = Partial<Record<RefLocation, RecordKindName>>;

/**
 * The node a route touches: the actor's own node, none (public routes only), the record named at one of its
 * refs (the actor's own node when the field is left out), or one resolved from input — the resolver's whole row then reaches the handler, so no handler looks its
 * node up a second time.
 */
export type NodeSpec<P, Q, B, N extends AuthorizedNode> =
  | 'actor'
  | 'none'
  | RefLocation
  | ((input: { ctx: DomainContext; actor: Actor; params: P; query: Q; body: B }) => Promise<N | null | undefined>);

/**
 * Error statuses a route answers besides those its declaration implies (see openapi.ts): 401 from a public route
 * that checks credentials itself (login), 409 for a stale version or an illegal transition, 429 behind a rate
 * limit, 503 when a counterpart (a relay) is needed and absent.
 */
export type DeclaredErrorStatus = 401 | 409 | 429 | 503;

export interface RouteInput<P, Q, B, N extends AuthorizedNode = AuthorizedNode> {
  ctx: DomainContext;
  actor: Actor;
  caller: Caller;
  params: P;
  query: Q;
  body: B;
  /** The node the policy authorized, as the route's resolver returned it (null for routes that touch none). */
  node: N | null;
  req: Request;
  res: Response;
  /** The uploaded file, for routes that declare `upload`. */
  file: UploadedFile | undefined;
}

export interface RouteSpec<
  PS extends ZodType,
  QS extends ZodType,
  BS extends ZodType,
  RS extends ZodType,
  N extends AuthorizedNode = AuthorizedNode,
> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  action: Action;
  node: NodeSpec<z.output<PS>, z.output<QS>, z.output<BS>, N>;
  /** Every field that names a record: each one named must exist and lie in the caller's scope (else 404). */
  refs?: Refs;
  params?: PS;
  query?: QS;
  body?: BS;
  /** The JSON response; omit for a handler that writes the response itself (files, streams). */
  response?: RS;
  status?: number;
  /** Other answers in the shape of the success (a repeat of a create answers 200 with the first result, …). */
  otherStatuses?: Readonly<Record<number, string>>;
  errors?: readonly DeclaredErrorStatus[];
  /** For raw handlers: how the response is described in the OpenAPI document. */
  rawResponse?: { contentType: string; description: string };
  middleware?: RequestHandler[];
  /** A multipart upload, received after the role check and before the input is validated. */
  upload?: UploadSpec;
  handler: (input: RouteInput<z.output<PS>, z.output<QS>, z.output<BS>, N>) => Promise<z.input<RS> | undefined>;
}

export type AnyRoute = RouteSpec<ZodType, ZodType, ZodType, ZodType>;

type Nothing = z.ZodOptional<z.ZodUndefined>;

const isRefLocation = (node: unknown): node is RefLocation => typeof node === 'string' && /^(params|query|body)\./.test(node);

export function defineRoute<
  PS extends ZodType = Nothing,
  QS extends ZodType = Nothing,
  BS extends ZodType = Nothing,
  RS extends ZodType = Nothing,
  N extends AuthorizedNode = AuthorizedNode,
>(spec: RouteSpec<PS, QS, BS, RS, N>): AnyRoute {
  const name = `${spec.method.toUpperCase()} ${spec.path}`;
  if (spec.node === 'none' && !isPublicAction(spec.action)) throw new Error(`Route ${name} performs ${spec.action} but names no node`);
  if (isRefLocation(spec.node) && !spec.refs?.[spec.node])
    throw new Error(`Route ${name} takes its node from ${spec.node}, not among its refs`);
  for (const location of Object.keys(spec.refs ?? {})) {
    const [part, field] = location.split('.');
    const schema = part === 'params' ? spec.params : part === 'query' ? spec.query : spec.body;
    if (!schema) throw new Error(`Route ${name} names a record at ${location} but has no ${part}`);
    if (schema instanceof ZodObject && field !== '*' && !(field! in schema.shape))
      throw new Error(`Route ${name}: ${location} is not a field`);
  }
  return spec as unknown as AnyRoute;
}

export interface RouteEnvironment {
  ctx: DomainContext;
  actorOf(res: Response): Actor;
  ipOf(req: Request): string | undefined;
}

/** Every value found at a location's path below `root` (`*` walks every element or value). */
function valuesAt(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object') continue;
      if (segment === '*') next.push(...(Object.values(value) as unknown[]));
      else next.push((value as Record<string, unknown>)[segment]);
    }
    current = next;
  }
  // A query field given twice (?school=a&school=b) names two records.
  return current.flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]));
}

/**
 * Resolves and authorizes the records a request names, once each. Runs on the raw input, before the schemas, so
 * a foreign record answers 404 however the rest of the request looks; values not shaped like ids are left to
 * the schema (400).
 */
class RequestRefs {
  private readonly resolved = new Map<string, RecordNode | undefined>();
  constructor(
    private readonly env: RouteEnvironment,
    private readonly actor: Actor,
    private readonly route: AnyRoute,
  ) {}

  async check(parts: Partial<Record<'params' | 'query' | 'body', unknown>>): Promise<void> {
    const named: Array<{ location: RefLocation; kind: RecordKindName; id: string }> = [];
    for (const [location, kind] of Object.entries(this.route.refs ?? {}) as Array<[RefLocation, RecordKindName]>) {
      const [part, ...path] = location.split('.') as ['params' | 'query' | 'body', ...string[]];
      if (!(part in parts)) continue;
      for (const value of valuesAt(parts[part], path)) if (looksLikeId(kind, value)) named.push({ location, kind, id: value });
    }
    await this.lookUp(named);
    for (const { location, kind, id } of named) {
      try {
        authorize(this.actor, this.route.action, this.resolved.get(`${kind}:${id}`));
      } catch (error) {
        // Missing and foreign alike: the field says where, nothing says whether the record exists elsewhere.
        if (error instanceof DomainError && error.kind === 'not_found') throw notFound('record', { field: location });
        throw error;
      }
    }
  }

  /**
   * The node of a route whose node is a ref: the record named at that location of the validated input, or the
   * actor's own node when the field is left out.
   */
  async nodeAt(location: RefLocation, input: Record<'params' | 'query' | 'body', unknown>): Promise<RecordNode | undefined> {
    const [part, ...path] = location.split('.') as ['params' | 'query' | 'body', ...string[]];
    const [value] = valuesAt(input[part], path);
    if (value === undefined) return this.actor.kind === 'user' || this.actor.kind === 'service' ? this.actor.node : undefined;
    const kind = this.route.refs![location]!;
    if (!looksLikeId(kind, value)) return undefined;
    await this.lookUp([{ kind, id: value }]);
    return this.resolved.get(`${kind}:${value}`);
  }

  private async lookUp(named: ReadonlyArray<{ kind: RecordKindName; id: string }>): Promise<void> {
    const wanted = new Map<RecordKindName, Set<string>>();
    for (const { kind, id } of named) {
      if (this.resolved.has(`${kind}:${id}`)) continue;
      wanted.set(kind, (wanted.get(kind) ?? new Set()).add(id));
    }
    for (const [kind, ids] of wanted) {
      const found = await resolveRecords(this.env.ctx.db, kind, [...ids], this.actor);
      // A uuid may come in capitals; the database answers in lower case.
      for (const id of ids) this.resolved.set(`${kind}:${id}`, found.get(id) ?? found.get(id.toLowerCase()));
    }
  }
}

/**
 * Turns a route declaration into an Express handler: role → clean input → records named (scope) → upload →
 * validate → node → scope → handler → shape.
 */
export function toHandler(route: AnyRoute, env: RouteEnvironment): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = env.actorOf(res);
      assertMayPerform(actor, route.action);
      assertCleanInput('params', req.params);
      // A query the route does not read is ignored, whatever it holds.
      if (route.query) assertCleanInput('query', req.query);
      const refs = new RequestRefs(env, actor, route);
      await refs.check({ params: req.params, query: req.query });
      const file = route.upload ? await receiveUpload(req, res, route.upload) : undefined;
      assertCleanInput('body', req.body);
      await refs.check({ body: req.body });
      const params: unknown = route.params ? route.params.parse(req.params) : undefined;
      const query: unknown = route.query ? route.query.parse(req.query) : undefined;
      const body: unknown = route.body ? route.body.parse(req.body ?? {}) : undefined;
      let node: AuthorizedNode | null = null;
      if (route.node === 'actor') {
        node = actor.kind === 'user' || actor.kind === 'service' ? actor.node : null;
      } else if (isRefLocation(route.node)) {
        node = (await refs.nodeAt(route.node, { params, query, body })) ?? null;
      } else if (route.node !== 'none') {
        node = (await route.node({ ctx: env.ctx, actor, params, query, body })) ?? null;
      }
      if (route.node !== 'none') authorize(actor, route.action, node);
      const caller: Caller = { actor, ip: env.ipOf(req) };
      // The route's status, which the handler may still change (e.g. 200 for a replayed create).
      res.status(route.status ?? 200);
      const result = await route.handler({ ctx: env.ctx, actor, caller, params, query, body, node, req, res, file });
      if (!route.response) return;
      // Parsing the output strips every field the schema does not name: secrets cannot leak by accident. An
      // answer that does not fit its schema is our fault, not the caller's: a 500, never a 400.
      const output = route.response.safeParse(result);
      if (!output.success)
        throw new Error(`${route.method.toUpperCase()} ${route.path} answered outside its schema: ${output.error.message}`);
      res.json(output.data);
    } catch (error) {
      next(error);
    }
  };
}

/** Express path `/api/schools/:id` → OpenAPI path `/api/schools/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
