// One line per bad environment variable, naming it and what it held — except for secrets, whose values never
// reach a log. Shared by the server, the stream relay and the detection worker.
import type { z } from 'zod';

export function describeEnvIssues(error: z.ZodError, env: NodeJS.ProcessEnv, secrets: readonly string[] = []): string {
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = env[name];
      const shown = value === undefined || secrets.includes(name) ? '' : ` (got ${JSON.stringify(value)})`;
      return `Invalid configuration: ${name} ${issue.message}${shown}`;
    })
    .join('\n');
}

/** Parses the environment with a schema; a bad value throws `fail` with one line per variable. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  secrets: readonly string[],
  fail: (message: string) => Error,
): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw fail(describeEnvIssues(parsed.error, env, secrets));
  return parsed.data;
}
