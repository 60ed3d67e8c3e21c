// The demo's GB/T 28181 registration password when SIP_PASSWORD is unset: made once per data directory and
// kept there (so devices configured with it keep registering after a restart), and printed at start next to
// the demo logins.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const FILE = 'sip-password';

export function demoSipPassword(dataDir: string): string {
  const file = path.join(dataDir, FILE);
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (/^[\x21-\x7e]{1,64}$/.test(kept)) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const made = randomBytes(9).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${made}\n`, { mode: 0o600 });
  return made;
}
