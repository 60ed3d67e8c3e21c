import { describe, expect, it } from 'vitest';
import { CameraHealthTracker, type HealthChange } from './camera-health';

const clear = { brightness: 150, contrast: 50, sharpness: 500 };
const dark = { brightness: 5, contrast: 1, sharpness: 1 };

function tracker() {
  const changes: HealthChange['status'][] = [];
  const health = new CameraHealthTracker((change) => changes.push(change.status), 1_000);
  return { health, changes };
}

describe('camera health', () => {
  it('lets the first picture decide at once, then needs two agreeing samples to change', () => {
    const { health, changes } = tracker();
    health.setPipeline('online', 'frames');
    expect(changes).toEqual([]);
    health.addPicture('covered', dark);
    expect(changes).toEqual(['covered']);
    health.addPicture('online', clear);
    expect(changes).toEqual(['covered']);
    health.addPicture('covered', dark);
    health.addPicture('online', clear);
    expect(changes).toEqual(['covered']);
    health.addPicture('online', clear);
    expect(changes).toEqual(['covered', 'online']);
  });

  it('puts the pipeline first, and keeps the picture verdict across a reconnect', () => {
    const { health, changes } = tracker();
    health.setPipeline('online', 'frames');
    health.addPicture('blurred', clear);
    health.setPipeline('offline', 'refused');
    health.addPicture('online', clear);
    health.setPipeline('frozen', 'no frames');
    health.setPipeline('online', 'frames');
    expect(changes).toEqual(['blurred', 'offline', 'frozen', 'blurred']);
  });

  it('says online if no picture could be judged in time', () => {
    const { health, changes } = tracker();
    health.setPipeline('online', 'frames');
    health.tick(Date.now() + 500);
    expect(changes).toEqual([]);
    health.tick(Date.now() + 1_500);
    expect(changes).toEqual(['online']);
  });
});
