// Recognising database errors that have a domain meaning.
interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
}

/** A unique constraint refused a row (optionally a named one). PostgreSQL and PGlite both say 23505. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = error as PgError;
  if (pg?.code !== '23505') return false;
  return constraint === undefined || pg.constraint === constraint || (pg.message ?? '').includes(constraint);
}

/**
 * Runs `work`; if it loses a race on a unique key (two retries of one request at once), runs it once more,
 * when it will find the row the winner wrote.
 */
export async function onceMoreOnUniqueViolation<T>(work: () => Promise<T>, constraint: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error, constraint)) throw error;
    return work();
  }
}
