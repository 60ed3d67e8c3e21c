import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration from the environment', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.retentionDays).toBe(30);
    expect(config.clipsMaxBytes).toBe(10e9);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '9000',
      DATA_DIR: '/srv/cc',
      DATABASE_URL: 'postgres://u@db/cc',
      REDIS_URL: 'redis://cache:6379',
      FFMPEG_PATH: '/usr/bin/ffmpeg',
      RETENTION_DAYS: '45',
      SESSION_SECRET: 'x'.repeat(40),
    });
    expect(config).toMatchObject({
      port: 9000,
      dataDir: '/srv/cc',
      databaseUrl: 'postgres://u@db/cc',
      redisUrl: 'redis://cache:6379',
      ffmpegPath: '/usr/bin/ffmpeg',
      retentionDays: 45,
    });
  });

  const SECRET_VARIABLES = ['SESSION_SECRET', 'DATABASE_URL', 'REDIS_URL'];
  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['RETENTION_DAYS', '0'],
    ['RECORDINGS_MAX_GB', '0'],
    ['RECORDINGS_MIN_FREE_GB', 'plenty'],
    ['CLIPS_MAX_GB', '0'],
    ['DATABASE_URL', 'mysql://db/cc'],
    ['REDIS_URL', 'localhost:6379'],
    ['SESSION_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
  ])('stops with one line naming %s when it is %j', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(name);
    // Values are echoed to help, except secrets and addresses that may carry passwords.
    if (SECRET_VARIABLES.includes(name)) expect(message).not.toContain(value);
    else expect(message).toContain(JSON.stringify(value));
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).databaseUrl).toBeUndefined();
  });
});
