// `npm start` runs the whole system: with the demo data it starts simulated RTSP cameras and an embedded
// stream relay, the demo cameras come online, the printed county login watches one of them live, and the
// city administrator sees what the relay's recordings take. On SIGTERM every companion stops with the
// server: no ffmpeg is left behind.
import { execFileSync } from 'node:child_process';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectTs } from '../stream-relay/testing/ts-inspect';
import type { ServerProcess } from './support/server-process';
import { waitUntil } from './support/sockets';
import { createStore, type Store } from './support/store';
import { loginAt, request } from './support/test-server';
import { startVideoDemo, waitForOnlineCameras } from './support/video-demo';

const PASSWORD = 'start-Video-1';

function ffmpegsUnder(dataDir: string): number {
  try {
    return execFileSync('pgrep', ['-f', `ffmpeg.*${dataDir}`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0; // pgrep exits 1 when nothing matches
  }
}

describe('npm start with the demo', () => {
  let store: Store;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    store = await createStore();
    server = await startVideoDemo(store, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await store?.dispose();
  });

  it('brings the demo cameras online through the embedded relay, and stops them all on SIGTERM', async () => {
    await waitUntil(() => server!.stdout().includes('Demo logins'), 60_000, 'the banner');
    expect(server!.stdout()).toMatch(/simulated cameras: \d+ on rtsp:\/\/127\.0\.0\.1:\d+\//);
    const token = await loginAt(server!.url, 'county.130822', PASSWORD);
    type Camera = { id: string; status: string; connected: boolean };
    const online = await waitForOnlineCameras<Camera>(server!.url, token, 60_000, 'the county’s demo cameras online');
    expect(online.every((camera) => camera.connected)).toBe(true);

    const ticket = await request<{ url: string }>(server!.url, 'POST', `/api/cameras/${online[0]!.id}/live`, { token, body: {} });
    expect(ticket.status).toBe(200);
    const socket = new WebSocket(server!.url.replace(/^http/, 'ws') + ticket.body.url);
    const chunks: Buffer[] = [];
    socket.on('message', (data: Buffer) => chunks.push(Buffer.from(data)));
    await waitUntil(() => inspectTs(Buffer.concat(chunks)).frames >= 25, 20_000, 'a second of live video');
    socket.close();

    // The relay's storage report reaches the city administrator, recordings counted as they are written.
    const admin = await loginAt(server!.url, 'city.admin', PASSWORD);
    type Storage = { relayId: string; storage: { usedBytes: number; recordingPaused: boolean; budgetBytes: number } | null };
    let embedded: Storage | undefined;
    await waitUntil(
      async () => {
        const answer = await request<{ relays: Storage[] }>(server!.url, 'GET', '/api/system/storage', { token: admin });
        embedded = answer.body.relays.find((relay) => relay.relayId === 'embedded');
        return (embedded?.storage?.usedBytes ?? 0) > 0;
      },
      30_000,
      'the embedded relay’s recordings in the storage view',
    );
    expect(embedded!.storage).toMatchObject({ recordingPaused: false, budgetBytes: 20e9 });

    expect(ffmpegsUnder(store.dataDir)).toBeGreaterThan(0);
    expect(await server!.stop('SIGTERM')).toBe(0);
    await waitUntil(() => ffmpegsUnder(store.dataDir) === 0, 10_000, 'no ffmpeg left');
  }, 180_000);
});
