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

  const SECRET_VARIABLES = ['SESSION_SECRET', 'DATABASE_URL', 'REDIS_URL', 'SIP_PASSWORD', 'UPSTREAM_SIP'];
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
    ['SIP_PORT', '70000'],
    ['SIP_ID', '1308000000200000001'],
    ['SIP_DOMAIN', '13080000'],
    ['SIP_PASSWORD', 'has space'],
    ['SIP_HOST', 'host/name'],
    ['MEDIA_PORTS', '30500-30000'],
    ['MEDIA_PORTS', '30000'],
    ['UPSTREAM_SIP', 'sip:13000000002000000001@10.0.0.9:5060;password=pw'],
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

  it('reads the GB/T 28181 variables, ids left to be derived from the city when unset', () => {
    expect(loadConfig({}).gb).toMatchObject({
      sipPort: 5060,
      sipId: undefined,
      sipDomain: undefined,
      mediaPorts: { from: 30000, to: 30999 },
    });
    const upstream = 'sip:13000000002000000001@10.0.0.9:5061;domain=1300000000;transport=tcp;password=up-Secret1;scope=130800';
    const config = loadConfig({
      SIP_PORT: '15060',
      SIP_ID: '13080000002000000009',
      SIP_DOMAIN: '1308000000',
      SIP_PASSWORD: 'dev-Secret1',
      SIP_HOST: '192.0.2.10',
      MEDIA_PORTS: '40000-40100',
      UPSTREAM_SIP: upstream,
    });
    expect(config.gb).toMatchObject({
      sipPort: 15060,
      sipId: '13080000002000000009',
      sipDomain: '1308000000',
      sipPassword: 'dev-Secret1',
      sipHost: '192.0.2.10',
      mediaPorts: { from: 40000, to: 40100 },
      upstream: {
        id: '13000000002000000001',
        host: '10.0.0.9',
        port: 5061,
        domain: '1300000000',
        transport: 'tcp',
        scope: '130800',
        expiresSeconds: 3600,
      },
      upstreamSource: upstream,
    });
  });

  it('gives each deployment its own Redis prefix: one per database, REDIS_PREFIX when set', () => {
    const one = loadConfig({ DATABASE_URL: 'postgres://cc@db-one/canteen' });
    expect(one.redisPrefix).toBe(loadConfig({ DATABASE_URL: 'postgres://cc@db-one/canteen' }).redisPrefix);
    expect(one.redisPrefix).not.toBe(loadConfig({ DATABASE_URL: 'postgres://cc@db-two/canteen' }).redisPrefix);
    expect(one.redisPrefix).not.toContain('db-one');
    expect(loadConfig({ DATA_DIR: '/srv/a' }).redisPrefix).not.toBe(loadConfig({ DATA_DIR: '/srv/b' }).redisPrefix);
    expect(loadConfig({ REDIS_PREFIX: 'hebei:prod' }).redisPrefix).toBe('hebei:prod');
    expect(() => loadConfig({ REDIS_PREFIX: 'has space' })).toThrow(/REDIS_PREFIX/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).databaseUrl).toBeUndefined();
  });
});
