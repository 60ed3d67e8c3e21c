// The little the media classes log; a pino logger fits it.
export interface MediaLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}
