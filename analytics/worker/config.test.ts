import { describe, expect, it } from 'vitest';
import { loadWorkerConfig, WorkerConfigError, workerIdFromHostname } from './config';

describe('detection worker configuration', () => {
  it('has defaults for everything but the token, and treats an empty variable as unset', () => {
    const config = loadWorkerConfig({ ANALYTICS_TOKEN: 'secret', SERVER_URL: 'http://server:8080/', ANALYTICS_FPS: '' });
    expect(config).toMatchObject({
      serverUrl: 'http://server:8080',
      dataDir: './data',
      fps: 1,
      model: undefined,
      host: '127.0.0.1',
      port: 8091,
      refreshSeconds: 30,
      visits: 8,
      logLevel: 'info',
    });
    expect(config.workerId).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('names each bad variable on its own line, never echoing the token', () => {
    let message = '';
    try {
      loadWorkerConfig({ ANALYTICS_TOKEN: '', ANALYTICS_FPS: '9', SERVER_URL: 'ftp://x', ANALYTICS_MODEL: '../etc' });
    } catch (error) {
      expect(error).toBeInstanceOf(WorkerConfigError);
      message = (error as Error).message;
    }
    expect(message.split('\n').map((line) => /^Invalid configuration: (\w+)/.exec(line)?.[1])).toEqual(
      expect.arrayContaining(['ANALYTICS_TOKEN', 'ANALYTICS_FPS', 'SERVER_URL', 'ANALYTICS_MODEL']),
    );
    expect(message).not.toContain('got ""');
  });

  it('makes a worker id of a host name', () => {
    expect(workerIdFromHostname('GPU-Box_2.city.local')).toBe('gpu-box-2-city-local');
    expect(workerIdFromHostname('---')).toBe('analytics');
  });
});
