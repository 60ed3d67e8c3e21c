// Transport for video: live tickets, snapshots, recordings and playback. The policy decides on the camera's
// node; the relay that pulls the camera then serves the bytes against a token signed for that one camera.
// Nothing here ever returns a camera's address.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Response } from 'express';
import { storeAttachment } from '../../attachments/commands/storeAttachment';
import { defineRoute, type AnyRoute } from '../../http/define-route';
import { IdParams } from '../../org/schemas';
import type { Actor } from '../../policy/actor';
import { relaySigningKey } from '../../relays/signing-key';
import { fetchRecordings, fetchSnapshot, openPlayback, relayToken } from './relay-client';
import type { RelayDirectory, VideoCamera } from './relay-directory';
import type { LiveFormat } from '../../../stream-relay/protocol';
import { CapturedSnapshot, LiveRequest, LiveTicket, RecordingListResponse, TimeRangeQuery } from './schemas';

/**
 * The live format a viewer gets. H.264 passes through to mpegts.js; H.265 passes through only to a browser
 * that said it plays it (`mpegts`), else the relay transcodes it to H.264; anything else, and whoever asks
 * for it, gets MPEG-1 for jsmpeg.
 */
function liveFormatFor(codec: VideoCamera['codec'], asked: LiveFormat | undefined): LiveFormat {
  if (asked === 'mpeg1') return 'mpeg1';
  if (codec === 'h264') return 'mpegts';
  if (codec === 'h265') return asked === 'mpegts' ? 'mpegts' : 'h264';
  return 'mpeg1';
}

const subjectOf = (actor: Actor) => (actor.kind === 'user' || actor.kind === 'service' ? actor.id : 'public');

/** The node these routes authorize is the camera itself, so handlers need not look it up again. */
type CameraNode = { path: string; camera: VideoCamera };
const cameraOf = (node: { path: string } | null) => (node as CameraNode).camera;

export function videoRoutes(directory: RelayDirectory): AnyRoute[] {
  const cameraNode = async (id: string, onlyPublic = false): Promise<CameraNode | null> => {
    const camera = await directory.camera(id);
    if (!camera || (onlyPublic && !camera.isPublic)) return null;
    return { path: camera.scopePath, camera };
  };
  const liveTicket = async (signingSecret: string, camera: VideoCamera, actor: Actor, asked: LiveRequest) => {
    await directory.relayOf(camera);
    const format = liveFormatFor(camera.codec, asked.format);
    const { token, expiresAt } = relayToken(relaySigningKey(signingSecret), camera.id, 'live', subjectOf(actor), {
      fmt: format,
      ...(asked.sub ? { ss: 1 as const } : {}),
    });
    return { url: `/live/${camera.id}?token=${encodeURIComponent(token)}`, format, expiresAt: expiresAt.toISOString() };
  };

  return [
    defineRoute({
      method: 'post',
      path: '/api/cameras/:id/live',
      summary: 'A short-lived ticket to watch a camera live over a WebSocket on this server',
      tags: ['video'],
      action: 'camera.view',
      params: IdParams,
      body: LiveRequest,
      refs: { 'params.id': 'camera' },
      node: ({ params }) => cameraNode(params.id),
      errors: [503],
      response: LiveTicket,
      handler: ({ ctx, actor, node, body }) => liveTicket(ctx.signingSecret, cameraOf(node), actor, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/public/cameras/:id/live',
      summary: 'A ticket to watch a camera marked public (no login)',
      tags: ['public', 'video'],
      action: 'public.read',
      params: IdParams,
      body: LiveRequest,
      refs: { 'params.id': 'camera' },
      node: ({ params }) => cameraNode(params.id, true),
      errors: [503],
      response: LiveTicket,
      handler: ({ ctx, actor, node, body }) => liveTicket(ctx.signingSecret, cameraOf(node), actor, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/cameras/:id/snapshot',
      summary: "The camera's current picture (JPEG)",
      tags: ['video'],
      action: 'camera.view',
      params: IdParams,
      refs: { 'params.id': 'camera' },
      node: ({ params }) => cameraNode(params.id),
      errors: [503],
      rawResponse: { contentType: 'image/jpeg', description: 'The newest frame' },
      handler: async ({ ctx, actor, node, res }) => {
        const camera = cameraOf(node);
        const shot = await fetchSnapshot(await directory.relayOf(camera), relaySigningKey(ctx.signingSecret), camera.id, subjectOf(actor));
        res.set({ 'content-type': 'image/jpeg', 'cache-control': 'no-store', 'x-captured-at': shot.capturedAt.toISOString() });
        res.send(shot.jpeg);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/cameras/:id/snapshots',
      summary: "Keep the camera's current picture as an attachment, to attach to an alert or a patrol record",
      tags: ['video'],
      action: 'camera.capture',
      params: IdParams,
      refs: { 'params.id': 'camera' },
      node: ({ params }) => cameraNode(params.id),
      errors: [503],
      status: 201,
      response: CapturedSnapshot,
      handler: async ({ ctx, actor, caller, node }) => {
        const camera = cameraOf(node);
        const shot = await fetchSnapshot(await directory.relayOf(camera), relaySigningKey(ctx.signingSecret), camera.id, subjectOf(actor));
        const stored = await storeAttachment(ctx, caller, { data: shot.jpeg, purpose: 'snapshot', scopePath: camera.scopePath });
        return { ...stored, capturedAt: shot.capturedAt.toISOString() };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/cameras/:id/recordings',
      summary: 'Recorded segments of a camera in a time range (at most 24 hours)',
      tags: ['video'],
      action: 'camera.view',
      params: IdParams,
      query: TimeRangeQuery,
      refs: { 'params.id': 'camera' },
      node: ({ params }) => cameraNode(params.id),
      errors: [503],
      response: RecordingListResponse,
      handler: async ({ ctx, actor, node, query }) => {
        const camera = cameraOf(node);
        const key = relaySigningKey(ctx.signingSecret);
        return { segments: await fetchRecordings(await directory.relayOf(camera), key, camera.id, query, subjectOf(actor)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/cameras/:id/playback',
      summary: 'A recorded time range as one MPEG-TS resource, with HTTP range requests',
      tags: ['video'],
      action: 'camera.view',
      params: IdParams,
      query: TimeRangeQuery,
      refs: { 'params.id': 'camera' },
      node: ({ params }) => cameraNode(params.id),
      errors: [503],
      otherStatuses: { 206: 'The part of the range asked for (Range header)', 416: 'The range asked for lies outside the recording' },
      rawResponse: { contentType: 'video/mp2t', description: 'The recorded range (supports Range)' },
      handler: async ({ ctx, actor, node, query, req, res }) => {
        const camera = cameraOf(node);
        const key = relaySigningKey(ctx.signingSecret);
        const upstream = await openPlayback(await directory.relayOf(camera), key, camera.id, query, subjectOf(actor), req.headers.range);
        await relayBody(upstream, res);
        return undefined;
      },
    }),
  ];
}

const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'x-playback-session'];

/** Streams the relay's answer to the viewer, headers and status included; stops the relay if the viewer leaves. */
async function relayBody(upstream: globalThis.Response, res: Response): Promise<void> {
  res.status(upstream.status);
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) res.setHeader(name, value);
  }
  res.setHeader('cache-control', 'no-store');
  if (!upstream.body) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>);
  await new Promise<void>((resolve) => {
    res.once('close', () => {
      body.destroy();
      resolve();
    });
    body.once('error', () => res.destroy());
    body.pipe(res);
  });
}
