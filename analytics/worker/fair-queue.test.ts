import { describe, expect, it } from 'vitest';
import { FairQueue } from './fair-queue';

const drain = <T>(queue: FairQueue<T>) => {
  const out: string[] = [];
  for (let next = queue.shift(); next; next = queue.shift()) out.push(`${next.key}:${String(next.item)}`);
  return out;
};

describe('fair frame queue', () => {
  it('serves cameras round-robin, each camera its frames oldest first', () => {
    const queue = new FairQueue<number>({ perKey: 3, total: 100 });
    queue.push('kitchen', 1);
    queue.push('kitchen', 2);
    queue.push('kitchen', 3);
    queue.push('store', 1);
    queue.push('wash', 1);
    queue.push('wash', 2);
    expect(drain(queue)).toEqual(['kitchen:1', 'store:1', 'wash:1', 'kitchen:2', 'wash:2', 'kitchen:3']);
    expect(queue.size).toBe(0);
  });

  it('a busy camera cannot starve a quiet one', () => {
    const queue = new FairQueue<number>({ perKey: 2, total: 100 });
    for (let i = 0; i < 50; i += 1) queue.push('busy', i);
    queue.push('quiet', 0);
    const first = queue.shift()!;
    const second = queue.shift()!;
    expect([first.key, second.key]).toEqual(['busy', 'quiet']);
  });

  it('keeps at most perKey frames of a camera, dropping its oldest, and counts the drops', () => {
    const queue = new FairQueue<number>({ perKey: 2, total: 100 });
    for (let i = 1; i <= 5; i += 1) queue.push('kitchen', i);
    queue.push('store', 1);
    expect(queue.size).toBe(3);
    expect(queue.drops).toBe(3);
    expect(queue.dropsOf('kitchen')).toBe(3);
    expect(queue.dropsOf('store')).toBe(0);
    // The kitchen kept its turn (first in the ring) and its two newest frames.
    expect(drain(queue)).toEqual(['kitchen:4', 'store:1', 'kitchen:5']);
  });

  it('never holds more than total: a camera with nothing queued pushes out the oldest of the longest queue', () => {
    const queue = new FairQueue<number>({ perKey: 4, total: 5 });
    for (let i = 1; i <= 4; i += 1) queue.push('a', i);
    queue.push('b', 1);
    const dropped = queue.push('c', 1);
    expect(dropped).toEqual([{ key: 'a', item: 1 }]);
    expect(queue.size).toBe(5);
    // A camera that has frames queued drops its own oldest.
    expect(queue.push('b', 2)).toEqual([{ key: 'b', item: 1 }]);
    for (let i = 0; i < 1000; i += 1) queue.push(`cam${i % 7}`, i);
    expect(queue.size).toBe(5);
    expect(queue.drops).toBe(1002); // the two above, then one for every push past the bound
  });

  it('forgets a camera that left the assignment without counting drops', () => {
    const queue = new FairQueue<number>({ perKey: 2, total: 10 });
    queue.push('a', 1);
    queue.push('b', 1);
    queue.push('a', 2);
    expect(queue.remove('a')).toEqual([1, 2]);
    expect(queue.drops).toBe(0);
    expect(drain(queue)).toEqual(['b:1']);
  });
});
