// Pause points, for the tests that kill a server process while its work is in flight. A pause point is a
// named place inside a transaction; a process started with CANTEEN_TEST_PAUSE_AT=<name> that reaches it says
// so on stdout (`pause point reached: <name>`) and waits there for ever, its transaction open, until the
// test kills it. Anywhere else, and always in production, a pause point does nothing.
export const PAUSE_AT_VARIABLE = 'CANTEEN_TEST_PAUSE_AT';

export type PausePoint = 'bulk-dispatch' | 'deadline-escalation' | 'alert-ingest';

export const pauseAnnouncement = (name: PausePoint) => `pause point reached: ${name}`;

export async function pausePoint(name: PausePoint): Promise<void> {
  if (process.env[PAUSE_AT_VARIABLE] !== name) return;
  process.stdout.write(`${pauseAnnouncement(name)}\n`);
  await new Promise<never>(() => undefined);
}
