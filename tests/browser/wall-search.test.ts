// The wall's camera search for a city duty officer with no county chosen: the name typed goes to the server,
// so the list shows the matching school's cameras without loading every camera of every county.
import { describe, expect, it } from 'vitest';
import { loggedInPages, useBrowserWithTestServer } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';

describe('the wall camera search', () => {
  const rig = useBrowserWithTestServer();

  it('lists a school’s cameras found by its name, asking the server for the matches only', async () => {
    const server = rig.server;
    const school = server.dataset.schools[5]!;
    const expected = new Set(server.dataset.cameras.filter((camera) => camera.schoolId === school.id).map((camera) => camera.id));
    const matching = new Set(
      server.dataset.cameras
        .filter((camera) => server.dataset.schools.find((s) => s.id === camera.schoolId)!.name.includes(school.name))
        .map((camera) => camera.id),
    );
    const pages = loggedInPages(rig, TEST_PASSWORD);
    try {
      const page = await pages.open('city.duty', '/wall');
      const cameraLists: URL[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/api/cameras' && !url.searchParams.has('ids')) cameraLists.push(url);
      });
      await page.getByLabel('名称搜索').fill(school.name);
      const listed = page.getByTestId('wall-camera');
      await expect.poll(() => listed.count()).toBe(matching.size);
      const shown = await listed.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.camera!));
      expect(new Set(shown)).toEqual(matching);
      for (const id of expected) expect(shown).toContain(id);

      // Every county was asked for its matches, none for all its cameras.
      expect(cameraLists.length).toBeGreaterThan(0);
      for (const url of cameraLists) expect(url.searchParams.get('q')).toBe(school.name);
    } finally {
      await pages.closeAll();
    }
  });
});
