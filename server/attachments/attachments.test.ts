// Evidence uploads: only real JPEG/PNG/WebP by their bytes, within the size limit, with a plain file name;
// stored without their EXIF/GPS; served with a thumbnail, only to users in scope.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif, pngImage, upload } from '../../tests/support/images';
import { startTestServer, type TestServer } from '../../tests/support/test-server';

describe('attachments', () => {
  let t: TestServer;
  let schoolToken: string;
  let school: { code: string; countyCode: string };
  beforeAll(async () => {
    t = await startTestServer({ env: { UPLOAD_MAX_MB: '1' } });
    school = t.dataset.schools.find((s) => s.countyCode === '130822')!;
    schoolToken = await t.login(`school.${school.code}`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a JPEG without its EXIF and GPS, and serves it and a thumbnail in scope', async () => {
    const original = await jpegWithExif(800, 600);
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const stored = await upload(t.url, schoolToken, original, { name: '整改照片.jpg' });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ mime: 'image/jpeg', width: 800, height: 600 });

    const image = await fetch(`${t.url}/api/attachments/${stored.body.id}`, { headers: { authorization: `Bearer ${schoolToken}` } });
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await image.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('secret-owner'))).toBe(false);
    const thumb = Buffer.from(
      await (
        await fetch(`${t.url}/api/attachments/${stored.body.id}/thumb`, { headers: { authorization: `Bearer ${schoolToken}` } })
      ).arrayBuffer(),
    );
    expect((await sharp(thumb).metadata()).width).toBe(320);
    expect((await t.db('attachments').where({ id: stored.body.id }).first('original_name')).original_name).toBe('整改照片.jpg');

    const county = await t.login('county.130822');
    expect((await t.request('GET', `/api/attachments/${stored.body.id}`, { token: county })).status).toBe(200);
    for (const outsider of [await t.login('county.130824'), undefined]) {
      expect([401, 404]).toContain((await t.request('GET', `/api/attachments/${stored.body.id}`, { token: outsider })).status);
    }
  });

  it('accepts PNG and WebP by their bytes', async () => {
    expect((await upload(t.url, schoolToken, await pngImage(), { name: 'a.png', type: 'image/png' })).body.mime).toBe('image/png');
    const webp = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#ffffff' } })
      .webp()
      .toBuffer();
    expect((await upload(t.url, schoolToken, webp, { name: 'a.webp', type: 'image/webp' })).body.mime).toBe('image/webp');
  });

  it('refuses a non-image even when it claims to be one, an oversized file and a path-like name, storing nothing', async () => {
    const before = Number((await t.db('attachments').count({ n: '*' }))[0]!.n);
    const text = await upload(t.url, schoolToken, Buffer.from('#!/bin/sh\nrm -rf /\n'), { name: 'photo.jpg', type: 'image/jpeg' });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('not_an_image');
    const pdf = await upload(t.url, schoolToken, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), { name: 'a.jpg' });
    expect(pdf.status).toBe(415);
    const big = await sharp({
      create: { width: 2400, height: 2400, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .jpeg({ quality: 100 })
      .toBuffer();
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const oversized = await upload(t.url, schoolToken, big);
    expect(oversized.status).toBe(413);
    expect(oversized.body.error.code).toBe('file_too_large');
    for (const name of ['../../etc/passwd', '..\\windows\\system.ini', 'a/b.jpg', '..']) {
      const response = await upload(t.url, schoolToken, await jpegWithExif(), { name });
      expect(response.status, name).toBe(400);
      expect(response.body.error.code).toBe('bad_file_name');
    }
    const truncated = await upload(t.url, schoolToken, (await jpegWithExif()).subarray(0, 40));
    expect([400, 415]).toContain(truncated.status);
    expect(Number((await t.db('attachments').count({ n: '*' }))[0]!.n)).toBe(before);
  });

  it('refuses uploads to a node outside scope, and to the public', async () => {
    const other = t.dataset.schools.find((s) => s.countyCode === '130824')!;
    expect((await upload(t.url, schoolToken, await jpegWithExif(), { node: other.code })).status).toBe(404);
    const anonymous = await fetch(`${t.url}/api/attachments`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
  });

  it('deletes uploads no record used after a day', async () => {
    const stored = await upload(t.url, schoolToken, await jpegWithExif());
    await t
      .db('attachments')
      .where({ id: stored.body.id })
      .update({ created_at: new Date(Date.now() - 2 * 86_400_000) });
    const { sweepUnboundAttachments } = await import('./commands/sweepUnbound');
    expect(await sweepUnboundAttachments(t.server.ctx)).toBeGreaterThanOrEqual(1);
    expect(await t.db('attachments').where({ id: stored.body.id }).first()).toBeUndefined();
    expect((await t.request('GET', `/api/attachments/${stored.body.id}`, { token: schoolToken })).status).toBe(404);
  });
});
