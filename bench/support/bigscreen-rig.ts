// A server for the big-screen benchmarks: the Chengde data set at a chosen size (1,200 canteens is the city,
// 17,183 the province of Hebei), graded, with 30 days of made-up activity on top so every panel has something
// to draw — alerts spread over the canteens and days (the heatmap), tasks open, overdue and closed, patrols
// passed and failed, cameras mostly online — and a browser logged in as the city's duty officer. The province
// screen instead spreads the canteens over every city and county of Hebei (real boundaries, one weight per
// county) and logs in a province operator: its big screen opens on the 11 cities.
import type { Knex } from 'knex';
import type { Browser, BrowserContext } from 'playwright-core';
import { ensureRendererBuilt } from '../../desktop/build/renderer-build';
import { HEBEI_CODE } from '../../fixtures/chengde';
import { boundariesOf, countyBoundariesWithPrefix } from '../../fixtures/geo/boundaries';
import { generateRegion } from '../../fixtures/region/generate';
import type { Dataset } from '../../fixtures/region/types';
import { launchBrowser } from '../../tests/support/browser';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../tests/support/test-server';
import { ensureDefaultChecklists } from '../../server/patrol/commands/ensureDefaultChecklists';
import { SESSION_COOKIE } from '../../server/realtime/socket-server';
import { recomputeRisk } from '../../server/risk/commands/recomputeRisk';

export interface BigscreenRig {
  server: TestServer;
  browser: Browser;
  /** A fresh 1920×1080 browser context with the duty officer's session cookie. */
  newContext: () => Promise<BrowserContext>;
  counts: Record<string, number>;
  close(): Promise<void>;
}

/** Deterministic activity over the last 30 days, written set-based. */
async function seedActivity(db: Knex): Promise<Record<string, number>> {
  await ensureDefaultChecklists(db);
  const city = (await db('jurisdictions').where({ level: 'city' }).first('id')) as { id: string };
  const checklist = (await db('checklists').where({ kind: 'remote_patrol', active: true }).first('id')) as { id: string };
  const h = (expression: string) => `abs(hashtext(${expression}))`;
  // About one alert per canteen in three, spread over 30 days and eight categories.
  await db.raw(
    `INSERT INTO alerts (id, source, category, severity, status, school_id, canteen_id, scope_path, fold_key, first_seen_at, last_seen_at)
     SELECT gen_random_uuid(), 'ai',
            (ARRAY['no_mask','no_chef_hat','smoking','uncovered_bin','rodent','phone_use','no_work_clothes','animal'])[1 + ${h("c.id::text || 'k'")} % 8],
            'medium', CASE WHEN ${h("c.id::text || 's'")} % 3 = 0 THEN 'new' ELSE 'confirmed' END,
            c.school_id, c.id, c.scope_path, 'bench:' || c.id,
            now() - make_interval(mins => ${h("c.id::text || 'd'")} % (30 * 24 * 60)),
            now() - make_interval(mins => ${h("c.id::text || 'd'")} % (30 * 24 * 60))
       FROM canteens c WHERE ${h("c.id::text || 'a'")} % 3 = 0`,
  );
  await db.raw(
    `INSERT INTO tasks (id, code, title, source, state, issuer_node_id, assignee_node_id, assignee_level, school_id, canteen_id,
                        scope_path, deadline, remind_at, closed_at, created_at)
     SELECT gen_random_uuid(), 'BENCH-' || c.id, '后厨卫生整改', 'manual',
            (ARRAY['dispatched','accepted','submitted','closed','closed'])[1 + ${h("c.id::text || 'st'")} % 5],
            ?, s.jurisdiction_id, 'school', c.school_id, c.id, c.scope_path,
            now() + make_interval(hours => ${h("c.id::text || 'dl'")} % 240 - 48), now() - interval '1 day',
            now() - make_interval(mins => ${h("c.id::text || 'cl'")} % (29 * 24 * 60)),
            now() - make_interval(mins => ${h("c.id::text || 'cr'")} % (29 * 24 * 60))
       FROM canteens c JOIN schools s ON s.id = c.school_id
      WHERE ${h("c.id::text || 't'")} % 6 = 0`,
    [city.id],
  );
  await db.raw(`UPDATE tasks SET closed_at = NULL WHERE state <> 'closed'`);
  await db.raw(
    `INSERT INTO patrol_records (id, canteen_id, school_id, scope_path, operator_id, operator_name, operator_node_id, checklist_id,
                                 result, answers, failed_count, key_failed_count, submitted_at)
     SELECT gen_random_uuid(), c.id, c.school_id, c.scope_path, gen_random_uuid(), 'bench', ?, ?,
            CASE WHEN ${h("c.id::text || 'p'")} % 4 = 0 THEN 'failed' ELSE 'passed' END, '[]'::jsonb,
            CASE WHEN ${h("c.id::text || 'p'")} % 4 = 0 THEN 1 ELSE 0 END, 0,
            now() - make_interval(mins => ${h("c.id::text || 'pt'")} % (30 * 24 * 60))
       FROM canteens c WHERE ${h("c.id::text || 'pr'")} % 2 = 0`,
    [city.id, checklist.id],
  );
  await db.raw(`UPDATE cameras SET status = CASE WHEN ${h('id::text')} % 12 = 0 THEN 'offline' ELSE 'online' END`);
  const count = async (table: string) => Number(((await db(table).count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
  return {
    canteens: await count('canteens'),
    cameras: await count('cameras'),
    alerts: await count('alerts'),
    tasks: await count('tasks'),
    patrols: await count('patrol_records'),
  };
}

/** Whose big screen: a city's duty officer (Chengde) or a province operator (Hebei, all its cities). */
export type Screen = 'city' | 'province';

/** Hebei's cities and their county-level divisions (those under a city of the boundary data), one weight each. */
function hebeiRegion(canteens: number): Dataset {
  const cityOf = (code: string) => `${code.slice(0, 4)}00`;
  const counties = countyBoundariesWithPrefix('13').filter((county) => !county.code.endsWith('00'));
  const cityCodes = [...new Set(counties.map((county) => cityOf(county.code)))].filter((code) => {
    try {
      return boundariesOf(2, [code]).length === 1;
    } catch {
      return false; // county-level cities governed by the province itself (1390xx) belong to no city here
    }
  });
  return generateRegion({
    seed: 20261207,
    provinceCode: HEBEI_CODE,
    cityCodes,
    counties: counties
      .filter((county) => cityCodes.includes(cityOf(county.code)))
      .map((county) => ({ code: county.code, weight: 1, cityCode: cityOf(county.code) })),
    canteens,
    referenceDate: '2026-11-01',
    minCanteensPerCounty: 2,
  });
}

export async function startBigscreenRig(canteens: number, screen: Screen = 'city'): Promise<BigscreenRig> {
  await ensureRendererBuilt();
  const server = await startTestServer(screen === 'city' ? { canteens } : { dataset: hebeiRegion(canteens) });
  const counts = await seedActivity(server.db);
  await recomputeRisk(server.server.ctx);
  const token = await server.login(screen === 'city' ? 'city.duty' : 'province.duty', TEST_PASSWORD);
  const browser = await launchBrowser();
  const origin = new URL(server.url);
  return {
    server,
    browser,
    counts,
    newContext: async () => {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      await context.addCookies([{ name: SESSION_COOKIE, value: token, domain: origin.hostname, path: '/', httpOnly: true }]);
      return context;
    },
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
