// JSON log lines on stdout (readable on a terminal), one logger per relay process.
import { createLogger, type Logger } from '../server/logger';

export type { Logger };

export function createRelayLogger(level: string, relayId: string): Logger {
  return createLogger(level, 'stream-relay', { base: { relayId } });
}
