// A route is declared once: method, path, the action it performs, the node it touches, its zod schemas and a
// handler. From that one declaration come the validation, the policy check and the OpenAPI document, so no
// route can forget any of them. Handlers receive validated input and the authorized node; they call commands
// and queries and return what the response schema describes.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { type ZodType } from 'zod';
import type { DomainContext } from '../context';
import type { Actor, Caller, ScopeNode } from '../policy/actor';
import { assertMayPerform, authorize, isPublicAction, type Action } from '../policy/policy';
import { receiveUpload, type UploadedFile, type UploadSpec } from './upload';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** What a route's node must at least be: the policy decides by its path. */
export type AuthorizedNode = Pick<ScopeNode, 'path'>;

/**
 * The node a route touches: the actor's own node, none (public routes only), or one resolved from input — the
 * resolver's whole row then reaches the handler, so no handler looks its node up a second time.
 */
export type NodeSpec<P, Q, B, N extends AuthorizedNode> =
  'actor' | 'none' | ((input: { ctx: DomainContext; actor: Actor; params: P; query: Q; body: B }) => Promise<N | null | undefined>);

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
  params?: PS;
  query?: QS;
  body?: BS;
  /** The JSON response; omit for a handler that writes the response itself (files, streams). */
  response?: RS;
  status?: number;
  /** For raw handlers: how the response is described in the OpenAPI document. */
  rawResponse?: { contentType: string; description: string };
  middleware?: RequestHandler[];
  /** A multipart upload, received after the role check and before the input is validated. */
  upload?: UploadSpec;
  handler: (input: RouteInput<z.output<PS>, z.output<QS>, z.output<BS>, N>) => Promise<z.input<RS> | undefined>;
}

export type AnyRoute = RouteSpec<ZodType, ZodType, ZodType, ZodType>;

type Nothing = z.ZodOptional<z.ZodUndefined>;

export function defineRoute<
  PS extends ZodType = Nothing,
  QS extends ZodType = Nothing,
  BS extends ZodType = Nothing,
  RS extends ZodType = Nothing,
  N extends AuthorizedNode = AuthorizedNode,
>(spec: RouteSpec<PS, QS, BS, RS, N>): AnyRoute {
  if (spec.node === 'none' && !isPublicAction(spec.action)) {
    throw new Error(`Route ${spec.method.toUpperCase()} ${spec.path} performs ${spec.action} but names no node`);
  }
  return spec as unknown as AnyRoute;
}

export interface RouteEnvironment {
  ctx: DomainContext;
  actorOf(res: Response): Actor;
  ipOf(req: Request): string | undefined;
}

/** Turns a route declaration into an Express handler: validate → role → node → scope → handler → shape. */
export function toHandler(route: AnyRoute, env: RouteEnvironment): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = env.actorOf(res);
      assertMayPerform(actor, route.action);
      const file = route.upload ? await receiveUpload(req, res, route.upload) : undefined;
      const params: unknown = route.params ? route.params.parse(req.params) : undefined;
      const query: unknown = route.query ? route.query.parse(req.query) : undefined;
      const body: unknown = route.body ? route.body.parse(req.body ?? {}) : undefined;
      let node: AuthorizedNode | null = null;
      if (route.node === 'actor') {
        node = actor.kind === 'user' || actor.kind === 'service' ? actor.node : null;
      } else if (route.node !== 'none') {
        node = (await route.node({ ctx: env.ctx, actor, params, query, body })) ?? null;
      }
      if (route.node !== 'none') authorize(actor, route.action, node);
      const caller: Caller = { actor, ip: env.ipOf(req) };
      // The route's status, which the handler may still change (e.g. 200 for a replayed create).
      res.status(route.status ?? 200);
      const result = await route.handler({ ctx: env.ctx, actor, caller, params, query, body, node, req, res, file });
      if (!route.response) return;
      // Parsing the output strips every field the schema does not name: secrets cannot leak by accident.
      res.json(route.response.parse(result));
    } catch (error) {
      next(error);
    }
  };
}

/** Express path `/api/schools/:id` → OpenAPI path `/api/schools/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
