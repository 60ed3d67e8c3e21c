// Pieces of the environment schemas shared by the server, the stream relay and the detection worker.
import { z } from 'zod';

/** An empty variable (`FOO=`) means unset, so its default applies. */
export const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** A variable whose empty value counts as unset. */
export const fromEnv = <S extends z.ZodType>(schema: S) => z.preprocess(emptyAsUndefined, schema);

export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A service's id made from the host name (lower-case letters, digits and dashes), or `fallback`. */
export function idFromHostname(name: string, pattern: RegExp, fallback: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return pattern.test(cleaned) ? cleaned : fallback;
}

/** A trailing slash dropped, so paths can be appended. */
export const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');
