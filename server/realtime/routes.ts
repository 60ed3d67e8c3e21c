// The event log over HTTP: the same scoped stream the sockets get, for clients that poll.
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { audienceOf } from '../policy/actor';
import { requireScopedActor } from '../policy/policy';
import { readEvents, toMessage } from './event-log';

const EventMessage = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.iso.datetime(),
  subject: z.object({ type: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()),
});

export function eventRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/events',
      summary: 'Events in scope after a sequence number, in order',
      tags: ['realtime'],
      action: 'event.read',
      node: 'actor',
      query: z.strictObject({
        since: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
      response: z.object({ events: z.array(EventMessage) }),
      handler: async ({ ctx, actor, query }) => {
        const scoped = requireScopedActor(actor);
        const events = await readEvents(ctx.db, { after: query.since, audience: audienceOf(scoped.node), limit: query.limit });
        return { events: events.map(toMessage) };
      },
    }),
  ];
}
