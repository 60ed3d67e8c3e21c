import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'server'): Logger {
  return pino({ name, level, timestamp: pino.stdTimeFunctions.isoTime, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}
