import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { answerDigest, digestChallenge, digestHa1, parseDigest, verifyDigest } from './digest';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const DEVICE = '34020000001320000001';
const REALM = '3402000000';
const URI = 'sip:34020000002000000001@3402000000';

describe('digest authentication', () => {
  it('computes HA1 as MD5(user:realm:password)', () => {
    expect(digestHa1(DEVICE, REALM, '12345678')).toBe(md5(`${DEVICE}:${REALM}:12345678`));
  });

  it("accepts a device's answer (without qop, as most GB devices send it) against the stored HA1 only", () => {
    const challenge = digestChallenge(REALM);
    expect(challenge).toMatch(/^Digest realm="3402000000", nonce="[0-9a-f]+", algorithm=MD5$/);
    const authorization = answerDigest(challenge, { username: DEVICE, password: '12345678', method: 'REGISTER', uri: URI });
    const ha1 = digestHa1(DEVICE, REALM, '12345678');
    expect(verifyDigest(authorization, { method: 'REGISTER', ha1, realm: REALM })).toBe('ok');
    expect(parseDigest(authorization)).toMatchObject({ username: DEVICE, realm: REALM, uri: URI });
  });

  it('answers and verifies with qop=auth (nc and cnonce in the hash)', () => {
    const challenge = digestChallenge(REALM, { qop: true });
    const authorization = answerDigest(challenge, { username: DEVICE, password: 'pw', method: 'REGISTER', uri: URI });
    const params = parseDigest(authorization)!;
    expect(params).toMatchObject({ qop: 'auth', nc: '00000001' });
    const ha2 = md5(`REGISTER:${URI}`);
    const ha1 = digestHa1(DEVICE, REALM, 'pw');
    expect(params.response).toBe(md5(`${ha1}:${params.nonce}:00000001:${params.cnonce}:auth:${ha2}`));
    expect(verifyDigest(authorization, { method: 'REGISTER', ha1, realm: REALM })).toBe('ok');
  });

  it('verifies a hand-written answer from a real device (RFC 2617 formula, no qop)', () => {
    const challenge = digestChallenge(REALM);
    const nonce = parseDigest(challenge)!.nonce!;
    const response = md5(`${digestHa1(DEVICE, REALM, 'abc')}:${nonce}:${md5(`REGISTER:${URI}`)}`);
    const authorization = `Digest username="${DEVICE}",realm="${REALM}",nonce="${nonce}",uri="${URI}",response="${response}",algorithm=MD5`;
    expect(verifyDigest(authorization, { method: 'REGISTER', ha1: digestHa1(DEVICE, REALM, 'abc'), realm: REALM })).toBe('ok');
  });

  it('refuses a wrong password, another realm, and garbage', () => {
    const challenge = digestChallenge(REALM);
    const ha1 = digestHa1(DEVICE, REALM, 'right');
    const wrong = answerDigest(challenge, { username: DEVICE, password: 'wrong', method: 'REGISTER', uri: URI });
    expect(verifyDigest(wrong, { method: 'REGISTER', ha1, realm: REALM })).toBe('wrong');
    const otherRealm = answerDigest(digestChallenge('1300000000'), { username: DEVICE, password: 'right', method: 'REGISTER', uri: URI });
    expect(verifyDigest(otherRealm, { method: 'REGISTER', ha1, realm: REALM })).toBe('wrong');
    for (const garbage of ['', 'Basic abc', 'Digest ', 'Digest response="x"', 'Digest =,=,"']) {
      expect(verifyDigest(garbage, { method: 'REGISTER', ha1, realm: REALM })).toBe('wrong');
    }
  });

  it('calls a right answer to an old or foreign nonce stale, so the device retries instead of being refused', () => {
    const ha1 = digestHa1(DEVICE, REALM, 'pw');
    const hourAgo = digestChallenge(REALM, { now: Date.now() - 3600_000 });
    const late = answerDigest(hourAgo, { username: DEVICE, password: 'pw', method: 'REGISTER', uri: URI });
    expect(verifyDigest(late, { method: 'REGISTER', ha1, realm: REALM })).toBe('stale');
    // Issued by another process (before a restart): its signature does not check out.
    const foreign = answerDigest(digestChallenge(REALM, { key: randomBytes(32) }), {
      username: DEVICE,
      password: 'pw',
      method: 'REGISTER',
      uri: URI,
    });
    expect(verifyDigest(foreign, { method: 'REGISTER', ha1, realm: REALM })).toBe('stale');
    expect(digestChallenge(REALM, { stale: true })).toContain('stale=true');
  });
});
