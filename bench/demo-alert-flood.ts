// What the duty officer's desk receives from the running demo: `npm start` as the video tests run it (the
// Chengde demo, its simulated cameras, the stream relay and the detection worker), left alone for a while.
// Figures: the detections and camera faults posted in that time (the baseline, same run: what a desk
// without cases would have listed, one row per post) against the alerts they made, by category, and how
// the camera-fault alerts stand at the end (resolved by themselves, or still waiting).
// Run: npx tsx bench/demo-alert-flood.ts [--minutes=25]
import { freePort, startServerProcess } from '../tests/support/server-process';
import { waitForOnlineCameras } from '../tests/support/video-demo';
import { createStore } from '../tests/support/store';
import { request } from '../tests/support/test-server';
import { argValue } from './support/args';

const MINUTES = Number(argValue('minutes', '25'));
const PASSWORD = 'bench-Password-1';

interface AlertRow {
  id: string;
  source: string;
  categoryName: string;
  status: string;
  count: number;
  firstSeenAt: string;
}

async function alertsSeenSince(url: string, token: string, since: Date): Promise<AlertRow[]> {
  const rows: AlertRow[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await request<{ items: AlertRow[]; total: number }>(
      url,
      'GET',
      `/api/alerts?from=${encodeURIComponent(since.toISOString())}&pageSize=500&page=${page}`,
      { token },
    );
    rows.push(...answer.body.items);
    if (rows.length >= answer.body.total || answer.body.items.length === 0) return rows;
  }
}

const store = await createStore();
// As `npm start` runs it: the relay, the simulated cameras and the detection worker all on.
const server = await startServerProcess(
  {
    ...store.env,
    PORT: String(await freePort()),
    DEMO_PASSWORD: PASSWORD,
    RELAY: 'embedded',
    ANALYTICS: 'embedded',
    SIMULATED_CAMERAS: 'auto',
  },
  300_000,
);
try {
  const login = await request<{ token: string }>(server.url, 'POST', '/api/auth/login', {
    body: { username: 'city.duty', password: PASSWORD },
  });
  const token = login.body.token;
  // The first start builds the models and the history while the cameras come up: a busy server may drop a
  // look, so each look is retried.
  for (let tries = 0; ; tries += 1) {
    try {
      await waitForOnlineCameras(server.url, token, 300_000, 'the demo cameras online');
      break;
    } catch (error) {
      if (tries >= 3) throw error;
    }
  }
  const start = new Date();
  // What the demo's history already counted on alerts that live detections may join.
  const before = new Map(
    (await alertsSeenSince(server.url, token, new Date(start.getTime() - 30 * 86_400_000))).map((a) => [a.id, a.count]),
  );
  console.error(`demo running at ${server.url}; watching for ${MINUTES} minutes`);
  await new Promise((resolve) => setTimeout(resolve, MINUTES * 60_000));

  const seen = await alertsSeenSince(server.url, token, start);
  const byCategory = new Map<string, { posts: number; alerts: number; joinedOld: number; open: number; resolved: number }>();
  for (const alert of seen) {
    const row = byCategory.get(alert.categoryName) ?? { posts: 0, alerts: 0, joinedOld: 0, open: 0, resolved: 0 };
    const fresh = new Date(alert.firstSeenAt) >= start && !before.has(alert.id);
    row.posts += alert.count - (before.get(alert.id) ?? 0);
    if (fresh) row.alerts += 1;
    else row.joinedOld += 1;
    if (alert.status === 'new') row.open += 1;
    if (alert.status === 'resolved') row.resolved += 1;
    byCategory.set(alert.categoryName, row);
  }
  console.log(`The demo for ${MINUTES} minutes: posts (detections and camera faults) against the alerts on the desk`);
  console.table(
    [...byCategory].map(([category, row]) => ({
      category,
      'posts (baseline: one row each)': row.posts,
      'new alerts': row.alerts,
      'joined to an earlier case': row.joinedOld,
      'waiting (待研判)': row.open,
      'resolved by themselves': row.resolved,
    })),
  );
  const total = [...byCategory.values()].reduce((sum, row) => ({ posts: sum.posts + row.posts, alerts: sum.alerts + row.alerts }), {
    posts: 0,
    alerts: 0,
  });
  console.log(`in all: ${total.posts} posts, ${total.alerts} new alerts`);
} finally {
  await server.stop();
  await store.dispose();
}
