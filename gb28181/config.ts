// Environment schemas of the GB/T 28181 settings, shared by the server (which checks them at start) and the
// relay (which runs the SIP server). (Minimal version written by H3 for the server; H1 owns this file.)
import { z } from 'zod';

const PRINTABLE = /^[\x21-\x7e]+$/;

export const SipPort = z.coerce.number().int().min(1).max(65535);
export const SipId = z.string().regex(/^\d{20}$/, 'must be 20 digits (a GB/T 28181 id)');
export const SipDomain = z.string().regex(/^\d{10}$/, 'must be 10 digits (a GB/T 28181 domain)');
export const SipPassword = z.string().min(1).max(64).regex(PRINTABLE, 'must be printable ASCII without spaces');
export const SipHost = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$/, 'must be an IPv4 address or a host name');

export interface PortRange {
  from: number;
  to: number;
}

export const MediaPorts = z.string().transform((value, context): PortRange => {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(value);
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from < 1 || to > 65535 || from >= to) {
    context.addIssue({ code: 'custom', message: 'must be a port range like 30000-30500 (first < last, within 1–65535)' });
    return z.NEVER;
  }
  return { from, to };
});

export interface UpstreamSip {
  id: string;
  host: string;
  port: number;
  domain: string;
  transport: 'udp' | 'tcp';
  password: string;
  /** The 6-digit administrative code of the part of our tree the upper platform may see. */
  scope: string;
  expires: number;
  keepalive: number;
}

export class UpstreamSipError extends Error {}

/** `sip:<20-digit id>@<host>:<port>;domain=<10 digits>;transport=udp|tcp;password=<pw>;scope=<adcode>;expires=3600;keepalive=60` */
export function parseUpstreamSip(value: string): UpstreamSip {
  const match = /^sip:(\d{20})@([A-Za-z0-9.-]+):(\d{1,5})((?:;[a-z]+=[^;]*)*)$/.exec(value);
  if (!match) throw new UpstreamSipError('must look like sip:<20-digit id>@<host>:<port>;domain=…;password=…;scope=…');
  const params = new Map(
    match[4]!
      .split(';')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const),
  );
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw new UpstreamSipError('port must be within 1–65535');
  const domain = params.get('domain') ?? match[1]!.slice(0, 10);
  if (!/^\d{10}$/.test(domain)) throw new UpstreamSipError('domain must be 10 digits');
  const password = params.get('password');
  if (!password || !SipPassword.safeParse(password).success) throw new UpstreamSipError('password is required (printable, 1–64)');
  const scope = params.get('scope');
  if (!scope || !/^\d{6}$/.test(scope)) throw new UpstreamSipError('scope must be a 6-digit administrative code');
  const transport = params.get('transport') ?? 'udp';
  if (transport !== 'udp' && transport !== 'tcp') throw new UpstreamSipError('transport must be udp or tcp');
  const seconds = (name: string, fallback: number) => {
    const text = params.get(name);
    const number = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(number) || number < 1 || number > 86_400) throw new UpstreamSipError(`${name} must be 1–86400 seconds`);
    return number;
  };
  return {
    id: match[1]!,
    host: match[2]!,
    port,
    domain,
    transport,
    password,
    scope,
    expires: seconds('expires', 3600),
    keepalive: seconds('keepalive', 60),
  };
}

export const UpstreamSipSchema = z.string().transform((value, context) => {
  try {
    return parseUpstreamSip(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
