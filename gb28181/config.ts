// The GB/T 28181 environment variables, shared by the server's configuration (which checks them at `npm start`
// for the relay it embeds) and the relay's. Spread `GbEnvSchema` into a z.object of environment variables; a
// bad value then reads "Invalid configuration: SIP_ID must be 20 digits …" like every other variable.
import { z } from 'zod';
import { fromEnv } from '../server/env-values';
import { isGbId } from './gb-id';

export interface PortRange {
  from: number;
  to: number;
}

export interface UpstreamSip {
  /** The upper platform's 20-digit id. */
  id: string;
  host: string;
  port: number;
  domain: string;
  transport: 'udp' | 'tcp';
  password: string;
  /** The administrative code (6 digits) of the part of our tree the upper platform may see. */
  scope: string;
  expiresSeconds: number;
  keepaliveSeconds: number;
}

export class UpstreamSipError extends Error {
  override name = 'UpstreamSipError';
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

const isHost = (value: string) => IPV4.test(value) || (HOST_NAME.test(value) && !/^[\d.]+$/.test(value));
const PRINTABLE = /^[\x21-\x7e]+$/;

export const SipPortSchema = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole port number')
  .min(0, 'must be a port from 0 to 65535 (0: any free port)')
  .max(65535, 'must be a port from 0 to 65535 (0: any free port)');
export const SipIdSchema = z.string().refine(isGbId, 'must be 20 digits (a GB/T 28181 id, e.g. 13080000002000000001)');
export const SipDomainSchema = z.string().regex(/^\d{10}$/, 'must be 10 digits (the first 10 of the platform id, e.g. 1308000000)');
export const SipPasswordSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(PRINTABLE, 'must be printable ASCII without spaces');
export const SipHostSchema = z.string().refine(isHost, 'must be an IPv4 address or a host name (the address devices send media to)');

/** `30000-30999`: an inclusive range of at least two ports. */
export function parsePortRange(value: string): PortRange {
  const match = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(value);
  if (!match) throw new Error('must be a range like 30000-30500');
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from < 1 || to > 65535) throw new Error('must lie within ports 1 to 65535');
  if (from >= to) throw new Error(`must go from a lower port to a higher one (got ${from} to ${to})`);
  return { from, to };
}

export const MediaPortsSchema = z.string().transform((value, context): PortRange => {
  try {
    return parsePortRange(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const UPSTREAM_EXAMPLE = 'sip:13000000002000000001@10.0.0.5:5060;domain=1300000000;transport=udp;password=…;scope=130800';

/** Parses UPSTREAM_SIP; the error names the part that is wrong. */
export function parseUpstreamSip(value: string): UpstreamSip {
  const match = /^sip:([^@;]*)@([^;:]+)(?::([^;]*))?((?:;[^;]*)*)$/.exec(value.trim());
  if (!match) throw new UpstreamSipError(`must look like ${UPSTREAM_EXAMPLE}`);
  const [, id, host, portText, paramText] = match as unknown as [string, string, string, string | undefined, string];
  if (!isGbId(id)) throw new UpstreamSipError(`the upper platform's id must be 20 digits (got ${JSON.stringify(id)})`);
  if (!isHost(host)) throw new UpstreamSipError(`the host must be an IPv4 address or a host name (got ${JSON.stringify(host)})`);
  const port = portText === undefined ? 5060 : Number(portText);
  if (!/^\d{1,5}$/.test(portText ?? '5060') || port < 1 || port > 65535) {
    throw new UpstreamSipError(`the port must be from 1 to 65535 (got ${JSON.stringify(portText)})`);
  }
  const params = new Map<string, string>();
  for (const part of paramText.split(';').slice(1)) {
    const equals = part.indexOf('=');
    const key = (equals < 0 ? part : part.slice(0, equals)).toLowerCase();
    if (!['domain', 'transport', 'password', 'scope', 'expires', 'keepalive'].includes(key)) {
      throw new UpstreamSipError(
        `unknown parameter ${JSON.stringify(key)} (known: domain, transport, password, scope, expires, keepalive)`,
      );
    }
    params.set(key, equals < 0 ? '' : decodeURIComponent(part.slice(equals + 1)));
  }
  const domain = params.get('domain') ?? id.slice(0, 10);
  if (!/^\d{10}$/.test(domain)) throw new UpstreamSipError(`domain= must be 10 digits (got ${JSON.stringify(domain)})`);
  const transport = (params.get('transport') ?? 'udp').toLowerCase();
  if (transport !== 'udp' && transport !== 'tcp')
    throw new UpstreamSipError(`transport= must be udp or tcp (got ${JSON.stringify(transport)})`);
  const password = params.get('password');
  if (!password) throw new UpstreamSipError('password= is required (the registration password the upper platform gave us)');
  if (!SipPasswordSchema.safeParse(password).success)
    throw new UpstreamSipError('password= must be 1–64 printable characters without spaces');
  const scope = params.get('scope');
  if (!scope || !/^\d{6}$/.test(scope)) {
    throw new UpstreamSipError(
      `scope= must be the 6-digit administrative code of the part of our tree to share (got ${JSON.stringify(scope ?? '')})`,
    );
  }
  const whole = (key: string, fallback: number, min: number, max: number): number => {
    const text = params.get(key);
    if (text === undefined) return fallback;
    const number = Number(text);
    if (!/^\d{1,6}$/.test(text) || number < min || number > max)
      throw new UpstreamSipError(`${key}= must be whole seconds from ${min} to ${max} (got ${JSON.stringify(text)})`);
    return number;
  };
  return {
    id,
    host,
    port,
    domain,
    transport,
    password,
    scope,
    expiresSeconds: whole('expires', 3600, 60, 86_400),
    keepaliveSeconds: whole('keepalive', 60, 5, 3600),
  };
}

export const UpstreamSipSchema = z.string().transform((value, context): UpstreamSip => {
  try {
    return parseUpstreamSip(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

/**
 * The GB/T 28181 variables, ready to spread into a configuration schema. SIP_ID, SIP_DOMAIN, SIP_PASSWORD,
 * SIP_HOST and UPSTREAM_SIP are optional: their defaults depend on the city and the relay's address, which
 * the caller knows. UPSTREAM_SIP and SIP_PASSWORD are secrets: list them among the secrets given to parseEnv.
 */
export const GbEnvSchema = {
  SIP_PORT: fromEnv(SipPortSchema.default(5060)),
  SIP_ID: fromEnv(SipIdSchema.optional()),
  SIP_DOMAIN: fromEnv(SipDomainSchema.optional()),
  SIP_PASSWORD: fromEnv(SipPasswordSchema.optional()),
  SIP_HOST: fromEnv(SipHostSchema.optional()),
  MEDIA_PORTS: fromEnv(MediaPortsSchema.default({ from: 30000, to: 30999 })),
  UPSTREAM_SIP: fromEnv(UpstreamSipSchema.optional()),
};

export const GB_ENV_SECRETS = ['SIP_PASSWORD', 'UPSTREAM_SIP'] as const;
