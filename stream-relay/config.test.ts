import { describe, expect, it } from 'vitest';
import { ConfigError, loadRelayConfig, relayIdFromHostname } from './config';

describe('relay configuration', () => {
  it('has defaults for everything but the token', () => {
    const config = loadRelayConfig({ RELAY_TOKEN: 'secret' });
    expect(config).toMatchObject({
      serverUrl: 'http://127.0.0.1:8080',
      host: '127.0.0.1',
      port: 8090,
      publicUrl: undefined,
      dataDir: './data',
      ffmpegPath: undefined,
      retentionDays: 30,
      recordingsMaxBytes: 20e9,
      recordingsMinFreeBytes: 2e9,
      segmentSeconds: 60,
      stallSeconds: 5,
      healthSeconds: 10,
      logLevel: 'info',
    });
    expect(config.relayId).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('names each bad variable on its own line, never echoing the token', () => {
    let message = '';
    try {
      loadRelayConfig({ RELAY_PORT: '70000', SERVER_URL: 'ftp://x', RELAY_ID: 'Bad_Id' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    const lines = message.split('\n');
    expect(lines.map((line) => /^Invalid configuration: (\w+)/.exec(line)?.[1]).sort()).toEqual([
      'RELAY_ID',
      'RELAY_PORT',
      'RELAY_TOKEN',
      'SERVER_URL',
    ]);
    expect(() => loadRelayConfig({ RELAY_TOKEN: 'x', RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
  });

  it('takes the storage budget and the free-space floor in gigabytes, and refuses what cannot be one', () => {
    expect(loadRelayConfig({ RELAY_TOKEN: 'x', RECORDINGS_MAX_GB: '0.5', RECORDINGS_MIN_FREE_GB: '0' })).toMatchObject({
      recordingsMaxBytes: 500_000_000,
      recordingsMinFreeBytes: 0,
    });
    const refused = (env: Record<string, string>) => {
      try {
        loadRelayConfig({ RELAY_TOKEN: 'x', ...env });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    for (const value of ['0', '-1', 'lots', '1e9']) {
      expect(refused({ RECORDINGS_MAX_GB: value })).toMatch(/^Invalid configuration: RECORDINGS_MAX_GB must be /);
    }
    for (const value of ['-0.5', '2GB']) {
      expect(refused({ RECORDINGS_MIN_FREE_GB: value })).toMatch(/^Invalid configuration: RECORDINGS_MIN_FREE_GB must be /);
    }
    expect(refused({ RECORDINGS_MAX_GB: 'lots' })).toContain('(got "lots")');
  });

  it('runs a SIP server only with SIP_PASSWORD, reads the SIP variables, and never echoes the secrets', () => {
    expect(loadRelayConfig({ RELAY_TOKEN: 'x' }).sip).toBeNull();
    const config = loadRelayConfig({
      RELAY_TOKEN: 'x',
      RELAY_HOST: '10.1.2.3',
      SIP_PASSWORD: 'kitchen-12345',
      MEDIA_PORTS: '31000-31100',
      UPSTREAM_SIP: 'sip:13000000002000000001@10.0.0.5:5060;password=up-secret;scope=130800',
    });
    expect(config.sip).toMatchObject({
      port: 5060,
      bindHost: '10.1.2.3',
      host: '10.1.2.3',
      platformId: undefined,
      password: 'kitchen-12345',
      mediaPorts: { from: 31000, to: 31100 },
      upstream: { id: '13000000002000000001', host: '10.0.0.5', scope: '130800' },
    });
    let message = '';
    try {
      loadRelayConfig({ RELAY_TOKEN: 'x', SIP_PASSWORD: 'has space', SIP_ID: '123', UPSTREAM_SIP: 'sip:1@h;password=up-secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SIP_ID/);
    expect(message).toMatch(/SIP_PASSWORD/);
    expect(message).toMatch(/UPSTREAM_SIP/);
    expect(message).not.toContain('up-secret');
    expect(message).not.toContain('has space');
  });

  it('makes a relay id of a host name', () => {
    expect(relayIdFromHostname('Relay_01.School.local')).toBe('relay-01-school-local');
    expect(relayIdFromHostname('___')).toBe('relay');
  });
});
