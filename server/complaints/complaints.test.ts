// Complaints from the public: filed without login (with a photo if they like), throttled per address,
// answered with a tracking code; operators send them to the school or reply; the complainant reads the
// outcome by the code. Ratings likewise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, upload } from '../../tests/support/images';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('complaints', () => {
  let t: TestServer;
  let school: { id: string; code: string };
  let county: string;

  beforeAll(async () => {
    t = await startTestServer({ env: { COMPLAINTS_PER_HOUR: '4' } });
    school = t.dataset.schools.find((s) => s.countyCode === '130822')!;
    county = await t.login('county.130822');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes a complaint with a photo, without login, and follows it through the school’s rectification', async () => {
    const form = new FormData();
    form.append('schoolId', school.id);
    form.append('category', 'foreign_matter');
    form.append('text', '孩子说今天午饭的青菜里有头发');
    form.append('contact', '13900001111');
    form.append('photo', new Blob([new Uint8Array(await jpegWithExif())], { type: 'image/jpeg' }), '午饭.jpg');
    const filed = await fetch(`${t.url}/api/public/complaints`, { method: 'POST', body: form });
    expect(filed.status).toBe(201);
    const { trackingCode } = (await filed.json()) as { trackingCode: string };
    expect(trackingCode).toMatch(/^TS[0-9A-Z]{8}$/);

    const status = await t.request('GET', `/api/public/complaints/${trackingCode}`);
    expect(status.body).toMatchObject({ status: 'received', category: 'foreign_matter', reply: null });
    expect(status.text).not.toContain('13900001111');

    const list = await t.request('GET', '/api/complaints?status=received', { token: county });
    const complaint = list.body.items.find((c: { trackingCode: string }) => c.trackingCode === trackingCode);
    expect(complaint).toMatchObject({ contact: '13900001111', photoId: expect.any(String), alertId: expect.any(String) });
    const alert = await t.request('GET', `/api/alerts/${complaint.alertId}`, { token: county });
    expect(alert.body).toMatchObject({ source: 'complaint', category: 'complaint', status: 'new' });
    expect((await t.request('GET', `/api/complaints/${complaint.id}`, { token: await t.login('county.130824') })).status).toBe(404);

    const dispatched = await t.request('POST', `/api/complaints/${complaint.id}/dispatch`, {
      token: county,
      body: { version: complaint.version, deadlineHours: 48 },
    });
    expect(dispatched.body).toMatchObject({ status: 'processing', taskId: expect.any(String) });
    expect((await t.request('GET', `/api/public/complaints/${trackingCode}`)).body.status).toBe('processing');

    const schoolToken = await t.login(`school.${school.code}`);
    const task = await t.request('GET', `/api/tasks/${dispatched.body.taskId}`, { token: schoolToken });
    expect(task.body.timeline[0].attachmentIds).toEqual([complaint.photoId]);
    await t.request('POST', `/api/tasks/${task.body.id}/actions`, { token: schoolToken, body: { action: 'accept', version: 1 } });
    const photo = (await upload(t.url, schoolToken, await jpegWithExif())).body.id;
    await t.request('POST', `/api/tasks/${task.body.id}/actions`, {
      token: schoolToken,
      body: { action: 'submit', version: 2, note: '已加强帽子佩戴检查', attachmentIds: [photo] },
    });
    await t.request('POST', `/api/tasks/${task.body.id}/actions`, { token: county, body: { action: 'approve', version: 3 } });
    const closed = await t.request('GET', `/api/public/complaints/${trackingCode}`);
    expect(closed.body).toMatchObject({ status: 'closed', reply: expect.stringContaining('整改') });
  });

  it('closes an unfounded complaint with a reply and dismisses its alert', async () => {
    const filed = await t.request('POST', '/api/public/complaints', {
      body: { schoolId: school.id, category: 'price_quantity', text: '饭菜分量太少了，吃不饱' },
    });
    expect(filed.status).toBe(201);
    const complaint = (await t.request('GET', '/api/complaints?status=received', { token: county })).body.items[0];
    const replied = await t.request('POST', `/api/complaints/${complaint.id}/reply`, {
      token: county,
      body: { version: complaint.version, reply: '经核查，分量符合标准，可按需添饭。', founded: false },
    });
    expect(replied.body).toMatchObject({ status: 'closed', founded: false });
    expect((await t.request('GET', `/api/alerts/${complaint.alertId}`, { token: county })).body.status).toBe('dismissed');
    expect((await t.request('GET', `/api/public/complaints/${filed.body.trackingCode}`)).body.reply).toBe(
      '经核查，分量符合标准，可按需添饭。',
    );
    const again = await t.request('POST', `/api/complaints/${complaint.id}/reply`, {
      token: county,
      body: { version: replied.body.version, reply: '再次', founded: true },
    });
    expect(again.status).toBe(409);
  });

  it('refuses bad complaints, unknown codes and a flood from one address', async () => {
    expect(
      (await t.request('POST', '/api/public/complaints', { body: { schoolId: school.id, category: 'other', text: '短' } })).status,
    ).toBe(400);
    expect(
      (
        await t.request('POST', '/api/public/complaints', {
          body: { schoolId: '00000000-0000-4000-8000-000000000000', category: 'other', text: '不存在的学校' },
        })
      ).status,
    ).toBe(404);
    expect((await t.request('GET', '/api/public/complaints/TS00000000')).status).toBe(404);
    expect((await t.request('GET', '/api/public/complaints/../../etc')).status).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push(
        (
          await t.request('POST', '/api/public/complaints', {
            body: { schoolId: school.id, category: 'hygiene', text: `第${i}次投诉：地面很脏` },
          })
        ).status,
      );
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it('takes ratings without login and shows the average on the public page', async () => {
    await t.request('POST', `/api/public/schools/${school.id}/ratings`, { body: { stars: 5 } });
    const rated = await t.request('POST', `/api/public/schools/${school.id}/ratings`, { body: { stars: 4, comment: '干净卫生' } });
    expect(rated.body).toEqual({ average: 4.5, count: 2 });
    expect((await t.request('POST', `/api/public/schools/${school.id}/ratings`, { body: { stars: 6 } })).status).toBe(400);
    expect((await t.request('GET', `/api/public/schools/${school.id}`)).body.rating).toEqual({ average: 4.5, count: 2 });
  });
});
