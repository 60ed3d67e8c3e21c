import { describe, expect, it } from 'vitest';
import { formatVia, newBranch, parseNameAddr, parseVia, SipHeaderError } from './header-values';

describe('Via', () => {
  it('reads transport, host, port, branch and the rport asked for', () => {
    expect(parseVia('SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1371463273')).toMatchObject({
      transport: 'UDP',
      host: '192.168.1.64',
      port: 5060,
      branch: 'z9hG4bK1371463273',
      rport: true,
    });
    expect(parseVia('SIP/2.0/TCP 10.0.0.1;received=1.2.3.4;rport=40000;branch=z9hG4bKx')).toMatchObject({
      received: '1.2.3.4',
      rport: 40000,
    });
  });

  it('writes back what it read, with received and rport filled in', () => {
    const via = parseVia('SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1;x=y');
    expect(formatVia({ ...via, rport: 40000, received: '10.0.0.9' })).toBe(
      'SIP/2.0/UDP 192.168.1.64:5060;rport=40000;received=10.0.0.9;branch=z9hG4bK1;x=y',
    );
  });

  it('refuses a malformed Via with its own error', () => {
    expect(() => parseVia('SIP/2.0 nonsense')).toThrow(SipHeaderError);
    expect(() => parseVia('SIP/2.0/UDP host:99999')).toThrow(SipHeaderError);
  });

  it('makes RFC 3261 branches', () => {
    expect(newBranch()).toMatch(/^z9hG4bK[0-9a-f]{16}$/);
  });
});

describe('name-addr', () => {
  it('reads a GB id and domain out of From/To with its tag', () => {
    expect(parseNameAddr('<sip:34020000001320000001@3402000000>;tag=2043466181')).toMatchObject({
      uri: 'sip:34020000001320000001@3402000000',
      user: '34020000001320000001',
      host: '3402000000',
      tag: '2043466181',
    });
    expect(parseNameAddr('"NVR" <sip:34020000001180000001@192.168.1.10:5060;transport=tcp>')).toMatchObject({
      displayName: 'NVR',
      host: '192.168.1.10',
      port: 5060,
    });
    expect(parseNameAddr('sip:1@2;tag=abc')).toMatchObject({ user: '1', host: '2', tag: 'abc' });
  });
});
