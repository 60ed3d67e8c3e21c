import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEnv } from '../server/config-issues';
import { GB_ENV_SECRETS, GbEnvSchema, parseUpstreamSip } from './config';
import { defaultPlatformId, gbIdAdcode, gbIdDomain, gbIdType, isGbId, makeGbId } from './gb-id';

const schema = z.object(GbEnvSchema);
const load = (env: NodeJS.ProcessEnv) => parseEnv(schema, env, GB_ENV_SECRETS, (message) => new Error(message));

describe('GB/T 28181 environment', () => {
  it('defaults SIP_PORT to 5060 and MEDIA_PORTS to 30000-30999, the rest unset', () => {
    expect(load({})).toEqual({ SIP_PORT: 5060, MEDIA_PORTS: { from: 30000, to: 30999 } });
  });

  it('accepts SIP_PORT=0 (any free port, for tests running several systems)', () => {
    expect(load({ SIP_PORT: '0' }).SIP_PORT).toBe(0);
  });

  it('reads every variable', () => {
    const values = load({
      SIP_PORT: '15060',
      SIP_ID: '13080000002000000001',
      SIP_DOMAIN: '1308000000',
      SIP_PASSWORD: 'Canteen#2026',
      SIP_HOST: '10.20.0.2',
      MEDIA_PORTS: '40000-40100',
      UPSTREAM_SIP:
        'sip:13000000002000000001@10.0.0.5:5060;domain=1300000000;transport=tcp;password=up%3Bper;scope=130800;expires=600;keepalive=30',
    });
    expect(values).toMatchObject({
      SIP_PORT: 15060,
      SIP_ID: '13080000002000000001',
      SIP_HOST: '10.20.0.2',
      MEDIA_PORTS: { from: 40000, to: 40100 },
    });
    expect(values.UPSTREAM_SIP).toEqual({
      id: '13000000002000000001',
      host: '10.0.0.5',
      port: 5060,
      domain: '1300000000',
      transport: 'tcp',
      password: 'up;per',
      scope: '130800',
      expiresSeconds: 600,
      keepaliveSeconds: 30,
    });
  });

  it.each([
    ['SIP_PORT', '70000', /SIP_PORT must be a port from 0 to 65535 \(0: any free port\) \(got "70000"\)/],
    ['SIP_ID', '1308000000200000001', /SIP_ID must be 20 digits/],
    ['SIP_DOMAIN', 'abc', /SIP_DOMAIN must be 10 digits/],
    ['SIP_HOST', 'not a host', /SIP_HOST must be an IPv4 address or a host name/],
    ['MEDIA_PORTS', '30500-30000', /MEDIA_PORTS must go from a lower port to a higher one/],
    ['MEDIA_PORTS', '30000', /MEDIA_PORTS must be a range like 30000-30500/],
    ['SIP_PASSWORD', 'has space', /SIP_PASSWORD must be printable ASCII without spaces$/],
  ])('names %s when it holds %j', (name, value, message) => {
    expect(() => load({ [name]: value })).toThrow(message);
  });

  it.each([
    ['sip:123@10.0.0.5;password=x;scope=130800', /upper platform's id must be 20 digits/],
    ['sip:13000000002000000001@10.0.0.5:99999;password=x;scope=130800', /port must be from 1 to 65535/],
    ['sip:13000000002000000001@10.0.0.5;transport=sctp;password=x;scope=130800', /transport= must be udp or tcp/],
    ['sip:13000000002000000001@10.0.0.5;scope=130800', /password= is required/],
    ['sip:13000000002000000001@10.0.0.5;password=x', /scope= must be the 6-digit administrative code/],
    ['sip:13000000002000000001@10.0.0.5;password=x;scope=130800;colour=red', /unknown parameter "colour"/],
    ['http://example.com', /must look like sip:/],
  ])('explains what is wrong in UPSTREAM_SIP=%s, without printing it (it holds a password)', (value, message) => {
    expect(() => parseUpstreamSip(value)).toThrow(message);
    expect(() => load({ UPSTREAM_SIP: value })).toThrow(/^Invalid configuration: UPSTREAM_SIP /);
    expect(() => load({ UPSTREAM_SIP: value })).not.toThrow(/got "sip:/);
  });
});

describe('GB ids', () => {
  it('reads the parts of a 20-digit id', () => {
    expect(isGbId('13082100001310000001')).toBe(true);
    expect(isGbId('1308210000131000000')).toBe(false);
    expect(gbIdAdcode('13082100001310000001')).toBe('130821');
    expect(gbIdType('13082100001310000001')).toBe(131);
    expect(gbIdDomain('13080000002000000001')).toBe('1308000000');
  });

  it("derives a city platform's id and makes device ids under a county", () => {
    expect(defaultPlatformId('130800')).toBe('13080000002000000001');
    expect(makeGbId('130821', 118, 7)).toBe('13082100001180000007');
  });
});
