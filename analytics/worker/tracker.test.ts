import { describe, expect, it } from 'vitest';
import type { Box, Detection } from '../detector/types';
import { IouTracker } from './tracker';

const det = (label: string, box: Box, score = 0.8): Detection => ({ label, score, box });
const shift = (box: Box, dx: number): Box => [box[0] + dx, box[1], box[2] + dx, box[3]];

describe('IoU tracker', () => {
  it('keeps a moving person on one track id, with age and hits', () => {
    const tracker = new IouTracker();
    let box: Box = [100, 100, 300, 700];
    for (let second = 0; second < 10; second += 1) {
      tracker.update([det('person', box)], second * 1000);
      box = shift(box, 25); // the pan of the `people` clip: 25 px between keyframes
    }
    const [person] = tracker.current;
    expect(tracker.current).toHaveLength(1);
    expect(person).toMatchObject({ id: 1, label: 'person', hits: 10, misses: 0, firstSeenAt: 0, lastSeenAt: 9000 });
    expect(person!.box).toEqual([325, 100, 525, 700]);
  });

  it('matches each detection to the best-overlapping track of its own label, ids stable', () => {
    const tracker = new IouTracker();
    tracker.update([det('person', [0, 0, 100, 300]), det('person', [400, 0, 500, 300]), det('dog', [0, 250, 120, 330])], 0);
    const ids = tracker.current.map((track) => [track.label, track.id, track.box[0]]);
    expect(ids).toEqual([
      ['person', 1, 0],
      ['person', 2, 400],
      ['dog', 3, 0],
    ]);
    // The two people swap order in the detector's output and move a little; the dog sits where person 1 stands.
    tracker.update([det('person', [410, 0, 510, 300]), det('dog', [5, 250, 125, 330]), det('person', [10, 0, 110, 300])], 1000);
    expect(tracker.current.map((track) => [track.label, track.id, track.box[0]])).toEqual([
      ['person', 1, 10],
      ['person', 2, 410],
      ['dog', 3, 5],
    ]);
    expect(tracker.created).toBe(3);
  });

  it('starts a new track when the overlap is below the threshold', () => {
    const tracker = new IouTracker({ iouThreshold: 0.3 });
    tracker.update([det('person', [0, 0, 100, 100])], 0);
    tracker.update([det('person', [80, 0, 180, 100])], 1000); // IoU 20/180 ≈ 0.11
    expect(tracker.current.map((track) => track.id)).toEqual([1, 2]);
  });

  it('survives a few missed detector runs, then drops the track; and drops stale tracks by age', () => {
    const tracker = new IouTracker({ maxMisses: 2, maxAgeMs: 60_000 });
    tracker.update([det('person', [0, 0, 100, 300])], 0);
    tracker.update([], 1000);
    tracker.update([], 2000);
    expect(tracker.current).toMatchObject([{ id: 1, misses: 2 }]);
    tracker.update([det('person', [2, 0, 102, 300])], 3000);
    expect(tracker.current).toMatchObject([{ id: 1, misses: 0, hits: 2 }]);
    for (const at of [4000, 5000, 6000]) tracker.update([], at);
    expect(tracker.current).toEqual([]);

    // Misses count detector runs, not time: a long gap (the motion gate let nothing through) keeps the track…
    tracker.update([det('dog', [0, 0, 50, 50])], 100_000);
    tracker.update([det('dog', [0, 0, 50, 50])], 150_000);
    expect(tracker.current).toMatchObject([{ id: 2, hits: 2 }]);
    // …up to maxAgeMs without being seen.
    tracker.expire(150_000 + 60_001);
    expect(tracker.size).toBe(0);
  });
});
