// Transport for stream relays: the heartbeat that registers a relay and hands it its cameras (with their
// secret addresses: the only response that carries them, and only to a relay's service token).
import { HeartbeatRequest, HeartbeatResponse } from '../../stream-relay/protocol';
import { defineRoute, type AnyRoute } from '../http/define-route';
import type { ServiceActor } from '../policy/actor';
import { recordHeartbeat } from './commands/recordHeartbeat';

export function relayRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/relays/heartbeat',
      summary: 'A stream relay registers, stays alive and receives the cameras it should pull',
      tags: ['relays'],
      action: 'relay.heartbeat',
      node: 'actor',
      body: HeartbeatRequest,
      refs: { 'body.cameras.*.id': 'camera' },
      response: HeartbeatResponse,
      handler: ({ ctx, actor, body }) => recordHeartbeat(ctx, actor as ServiceActor, body),
    }),
  ];
}
