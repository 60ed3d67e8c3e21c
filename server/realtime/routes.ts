// The event log over HTTP: the same scoped stream the sockets get, for clients that poll.
import { z } from 'zod';
import { conflict } from '../errors';
import { defineRoute, type AnyRoute } from '../http/define-route';
import { audienceOf } from '../policy/actor';
import { requireScopedActor } from '../policy/policy';
import { missedPrunedEvents } from '../retention/event-horizon';
import { lastCommittedSeq, readEvents, toMessage } from './event-log';

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
      errors: [409],
      handler: async ({ ctx, actor, query }) => {
        const scoped = requireScopedActor(actor);
        const events = await readEvents(ctx.db, { after: query.since, audience: audienceOf(scoped.node), limit: query.limit });
        // As the sockets' resync: events after `since` are gone, so the client reloads its state and goes on from the newest.
        if (await missedPrunedEvents(ctx.db, query.since)) {
          throw conflict('events_pruned', 'Events after this sequence number are past retention: reload, then read from `seq`', {
            seq: await lastCommittedSeq(ctx.db),
          });
        }
        return { events: events.map(toMessage) };
      },
    }),
  ];
}
