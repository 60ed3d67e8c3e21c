// Transport for stream relays: the heartbeat that registers a relay and hands it its cameras (with their
// secret addresses: the only response that carries them, and only to a relay's service token), and the
// storage of the relays' recordings for the city administrator.
import { clipUsage } from '../alerts/clips/queries';
import { HeartbeatRequest, HeartbeatResponse } from '../../stream-relay/protocol';
import { defineRoute, type AnyRoute } from '../http/define-route';
import type { ServiceActor } from '../policy/actor';
import { scopePathOf } from '../policy/policy';
import { recordHeartbeat } from './commands/recordHeartbeat';
import { isLive, listRelaysServing } from './queries';
import { StorageOverview } from './schemas';

export function relayRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/relays/heartbeat',
      summary: 'A stream relay registers, stays alive, reports its storage and receives the cameras it should pull',
      tags: ['relays'],
      action: 'relay.heartbeat',
      node: 'actor',
      body: HeartbeatRequest,
      refs: { 'body.cameras.*.id': 'camera' },
      errors: [409],
      response: HeartbeatResponse,
      handler: ({ ctx, actor, body }) => recordHeartbeat(ctx, actor as ServiceActor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/system/storage',
      summary:
        'What the recordings of each stream relay that may record your cameras take: bytes used against the budget, free disk against the floor, whether it records, the oldest recording kept; and what the alerts’ evidence clips take',
      tags: ['system'],
      action: 'storage.read',
      node: 'actor',
      response: StorageOverview,
      handler: async ({ ctx, actor }) => {
        const now = ctx.now();
        const rows = await listRelaysServing(ctx.db, scopePathOf(actor));
        const [mine, all] = await Promise.all([clipUsage(ctx.db, scopePathOf(actor)), clipUsage(ctx.db)]);
        return {
          clips: {
            count: mine.count,
            bytes: mine.bytes,
            pending: mine.pending,
            usedBytes: all.bytes,
            budgetBytes: ctx.config.clipsMaxBytes,
          },
          relays: rows.map((row) => ({
            relayId: row.id,
            live: isLive(row.last_seen_at, now, ctx.config.relayHeartbeatSeconds),
            lastSeenAt: row.last_seen_at.toISOString(),
            cameraCount: row.camera_count,
            storage: row.storage,
          })),
        };
      },
    }),
  ];
}
