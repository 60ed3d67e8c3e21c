// The key relays use to verify the server's viewer tokens: derived from the server's signing secret, so every
// server process hands out the same key and no second secret needs configuring.
import { createHmac } from 'node:crypto';

export function relaySigningKey(signingSecret: string): string {
  return createHmac('sha256', signingSecret).update('canteen-command/relay-token-key/v1').digest('base64url');
}
