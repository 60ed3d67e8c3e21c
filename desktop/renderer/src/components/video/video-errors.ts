// A failed ticket or stream, said in the viewer's language: the server's error code picks the sentence.
import { ApiError } from '../../api/client';

const KNOWN = ['camera_unavailable', 'relay_unavailable', 'not_found', 'forbidden', 'unauthenticated', 'network'] as const;
export type VideoErrorKey = (typeof KNOWN)[number] | 'generic';

export function videoErrorKey(error: unknown): VideoErrorKey {
  if (!(error instanceof ApiError)) return 'generic';
  return (KNOWN as readonly string[]).includes(error.code) ? (error.code as VideoErrorKey) : 'generic';
}
