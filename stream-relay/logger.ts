// JSON log lines on stdout (pino), one logger per relay process.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createRelayLogger(level: string, relayId: string): Logger {
  return pino({ name: 'stream-relay', level, base: { relayId }, timestamp: pino.stdTimeFunctions.isoTime });
}
