// One logger for each of our processes (the server, the stream relay, the detection worker): JSON lines for
// machines, the same lines made readable for a person when the output is a terminal, and credentials
// blanked wherever a caller logs an object that carries them.
import { pino, type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Header values that must never reach a log, at whatever depth an object carrying headers is logged. */
const CREDENTIALS = ['authorization', 'cookie', 'set-cookie'];
export const REDACTED_PATHS = ['headers', '*.headers', '*.*.headers'].flatMap((at) => CREDENTIALS.map((name) => `${at}["${name}"]`));

export interface LoggerOptions {
  /** Fields on every line; pino's default (pid, hostname) when unset. */
  base?: Record<string, unknown>;
  /** Where the lines go (tests); stdout when unset, made readable when stdout is a terminal. */
  destination?: DestinationStream;
}

export function createLogger(level: string, name = 'server', options: LoggerOptions = {}): Logger {
  // Written synchronously: an asynchronous destination is flushed when the process exits, and that flush retries
  // for ever when stdout is a pipe nobody reads any more — a companion whose server was killed never exited.
  const destination =
    options.destination ??
    (process.stdout.isTTY
      ? pretty({ colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      name,
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: REDACTED_PATHS,
      ...(options.base ? { base: options.base } : {}),
    },
    destination,
  );
}
