// The key the server signs viewer tokens with, as handed over by the last heartbeat. The previous key is
// still honoured after a change, so tokens signed just before a rotation do not fail (they live a minute).
import { verifyRelayToken, type RelayGrant, type RelayTokenClaims } from './protocol';

export class SigningKeys {
  private current: string | null = null;
  private previous: string | null = null;

  get ready(): boolean {
    return this.current !== null;
  }

  update(key: string): void {
    if (key === this.current) return;
    this.previous = this.current;
    this.current = key;
  }

  /** The claims of a valid token for this camera and grant; null before the first heartbeat (no key yet). */
  verify(token: string | null | undefined, expect: { cam: string; grant: RelayGrant }): RelayTokenClaims | null {
    for (const key of [this.current, this.previous]) {
      if (!key) continue;
      const claims = verifyRelayToken(key, token, expect);
      if (claims) return claims;
    }
    return null;
  }
}
