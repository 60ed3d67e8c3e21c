// The demo's simulated streams go to the cameras of the three demo schools and to a camera of every canteen
// in today's patrol plan, so that each canteen the plan lists at start shows live video.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSetting } from '../../tests/support/settings';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { ensureTodaysPlans } from '../patrol/commands/ensureDailyPlan';
import { shanghaiDate } from '../time';
import { CAMERAS_PER_DEMO_SCHOOL, chooseDemoCameras, DEMO_COUNTIES } from './demo-camera-choice';

describe('demo camera choice', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer({ canteens: 80 });
    expect((await putSetting(t, await t.login('city.admin'), 'patrol.dailyTarget', 15)).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("gives every canteen of today's plan a camera with a stream, and the demo schools four each", async () => {
    const today = shanghaiDate(t.clock.now());
    await ensureTodaysPlans(t.server.ctx, today);
    const chosen = await chooseDemoCameras(t.db, today);
    const cameraOf = new Map(t.dataset.cameras.map((camera) => [camera.id, camera]));
    const canteensWithStream = new Set(chosen.map((camera) => cameraOf.get(camera.id)!.canteenId));

    const planned = (await t.request('GET', '/api/patrol/plan', { token: await t.login('city.duty') })).body.items as Array<{
      canteen: { id: string };
    }>;
    expect(planned).toHaveLength(15);
    for (const item of planned) expect(canteensWithStream, item.canteen.id).toContain(item.canteen.id);

    const demoSchools = new Set(
      DEMO_COUNTIES.map(
        (code) => t.dataset.schools.filter((school) => school.countyCode === code).sort((a, b) => a.code.localeCompare(b.code))[0]!.id,
      ),
    );
    for (const school of demoSchools) {
      const ofSchool = chosen.filter((camera) => cameraOf.get(camera.id)!.schoolId === school);
      expect(ofSchool.length).toBe(Math.min(CAMERAS_PER_DEMO_SCHOOL, t.dataset.cameras.filter((c) => c.schoolId === school).length));
    }
    // One camera a planned canteen, the kitchen first: no more streams than that.
    expect(chosen.length).toBeLessThanOrEqual(planned.length + demoSchools.size * CAMERAS_PER_DEMO_SCHOOL);
    expect(new Set(chosen.map((camera) => camera.id)).size).toBe(chosen.length);
  });
});
