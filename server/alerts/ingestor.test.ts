// The group commit loses no post: posts made one after another (each right after the previous answer),
// all at once, and in the gaps between batches are all answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../tests/support/test-server';
import { systemActor, type Caller } from '../policy/actor';
import { AlertIngestor } from './ingestor';

describe('alert ingestor', () => {
  let t: TestServer;
  let ingestor: AlertIngestor;
  const caller: Caller = { actor: systemActor('test') };
  beforeAll(async () => {
    t = await startTestServer();
    ingestor = new AlertIngestor(t.server.ctx);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (i: number) =>
    ingestor.submit({
      caller,
      input: {
        source: 'ai',
        category: 'no_mask',
        cameraId: t.dataset.cameras[i % t.dataset.cameras.length]!.id,
        idempotencyKey: `ingest-${i}-00000`,
      },
    });

  it('answers each post made right after the previous answer', async () => {
    for (let i = 0; i < 20; i += 1) expect((await post(i)).outcome).toBe('created');
  });

  it('answers a burst, and posts made while a batch is being written', async () => {
    const first = Array.from({ length: 300 }, (_, i) => post(100 + i));
    const second = first[0]!.then(() => Promise.all(Array.from({ length: 50 }, (_, i) => post(1000 + i))));
    const results = await Promise.all(first);
    expect(results.every((r) => r.outcome === 'created' || r.outcome === 'folded')).toBe(true);
    expect(await second).toHaveLength(50);
    await ingestor.idle();
    expect(Number((await t.db('alert_keys').where('key', 'like', 'ingest-%').whereNotNull('alert_id').count({ n: '*' }))[0]!.n)).toBe(370);
  });

  it('fails a bad post alone, not its batch', async () => {
    const good = post(5000);
    const bad = ingestor.submit({
      caller,
      input: { source: 'ai', category: 'no_mask', cameraId: '00000000-0000-4000-8000-000000000000', idempotencyKey: 'ingest-bad-0000' },
    });
    const future = ingestor.submit({
      caller,
      input: {
        source: 'ai',
        category: 'no_mask',
        cameraId: t.dataset.cameras[0]!.id,
        detectedAt: '2100-01-01T00:00:00Z',
        idempotencyKey: 'ingest-bad-0001',
      },
    });
    await expect(bad).rejects.toMatchObject({ kind: 'not_found' });
    await expect(future).rejects.toMatchObject({ kind: 'invalid_input' });
    expect(['created', 'folded']).toContain((await good).outcome);
  });
});
