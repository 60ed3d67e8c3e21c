import { describe, expect, it } from 'vitest';
import { MediaPortPool } from './media-port-pool';

describe('MediaPortPool', () => {
  it('hands out each port once, says when none is left, and takes a just-released port last', () => {
    const pool = new MediaPortPool({ from: 30_000, to: 30_002 });
    expect([pool.take(), pool.take(), pool.take(), pool.take()]).toEqual([30_000, 30_001, 30_002, null]);
    pool.release(30_001);
    pool.release(30_001);
    pool.release(40_000);
    expect([pool.take(), pool.take()]).toEqual([30_001, null]);
    pool.release(30_000);
    pool.release(30_002);
    expect([pool.take(), pool.take()]).toEqual([30_000, 30_002]);
  });

  it('refuses a range that is no range of ports', () => {
    expect(() => new MediaPortPool({ from: 30_500, to: 30_000 })).toThrow(RangeError);
    expect(() => new MediaPortPool({ from: 0, to: 70_000 })).toThrow(RangeError);
  });
});
