// `npm start` with the demo and live video, as the video tests run it: the embedded stream relay pulling
// the simulated RTSP cameras (on free ports), the demo logins under the given password; and the wait for
// the demo county's cameras to come online.
import { freePort, startServerProcess, type ServerProcess } from './server-process';
import { waitUntil } from './sockets';
import type { Store } from './store';
import { request } from './test-server';

export async function startVideoDemo(store: Store, password: string): Promise<ServerProcess> {
  return startServerProcess({
    ...store.env,
    PORT: String(await freePort()),
    DEMO_PASSWORD: password,
    RELAY: 'embedded',
    SIMULATED_CAMERAS: 'auto',
    SIMULATED_CAMERA_PORT: '0',
    // The demo's NVRs register with the relay's SIP server: a port of its own, so video tests can run side by side.
    SIP_PORT: String(await freePort()),
  });
}

/** The cameras the token sees online, once there are at least four (the demo county's), within timeoutMs. */
export async function waitForOnlineCameras<Camera>(url: string, token: string, timeoutMs: number, what: string): Promise<Camera[]> {
  let online: Camera[] = [];
  await waitUntil(
    async () => {
      const page = await request<{ items: Camera[] }>(url, 'GET', '/api/cameras?status=online&pageSize=100', { token });
      online = page.body.items;
      return online.length >= 4;
    },
    timeoutMs,
    what,
  );
  return online;
}
