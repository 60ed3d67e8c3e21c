import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { crlf, HIKVISION_REGISTER, mutated } from '../test-support';
import { header, headers, parseCSeq, parseSipMessage, serializeSipMessage, SipParseError, type SipRequest } from './message';

const UNAUTHORIZED = crlf([
  'SIP/2.0 401 Unauthorized',
  'Via: SIP/2.0/UDP 192.168.1.64:5060;rport=5060;received=10.20.0.7;branch=z9hG4bK1371463273',
  'From: <sip:34020000001320000001@3402000000>;tag=2043466181',
  'To: <sip:34020000001320000001@3402000000>;tag=8a3c1f',
  'Call-ID: 1011047669',
  'CSeq: 1 REGISTER',
  'WWW-Authenticate: Digest realm="3402000000", nonce="6a5e5c3f9c1b4d2e", algorithm=MD5',
  'Content-Length: 0',
  '',
  '',
]);

describe('parseSipMessage', () => {
  it('reads a device REGISTER: start line, lower-case names, values as sent', () => {
    const message = parseSipMessage(HIKVISION_REGISTER) as SipRequest;
    expect(message).toMatchObject({ kind: 'request', method: 'REGISTER', uri: 'sip:34020000002000000001@3402000000' });
    expect(header(message, 'Call-ID')).toBe('1011047669');
    expect(header(message, 'expires')).toBe('3600');
    expect(parseCSeq(message)).toEqual({ sequence: 1, method: 'REGISTER' });
    expect(message.body.length).toBe(0);
  });

  it('reads a 401 challenge with its quoted, comma-separated WWW-Authenticate kept whole', () => {
    const message = parseSipMessage(UNAUTHORIZED);
    expect(message).toMatchObject({ kind: 'response', status: 401, reason: 'Unauthorized' });
    expect(headers(message, 'www-authenticate')).toEqual(['Digest realm="3402000000", nonce="6a5e5c3f9c1b4d2e", algorithm=MD5']);
  });

  it('expands compact header forms and splits a multi-value Via into hops', () => {
    const message = parseSipMessage(
      crlf([
        'MESSAGE sip:34020000002000000001@3402000000 SIP/2.0',
        'v: SIP/2.0/TCP 10.0.0.2:5060;branch=z9hG4bKaaa, SIP/2.0/UDP 192.168.1.64:5060;branch=z9hG4bKbbb',
        'v: SIP/2.0/UDP 192.168.0.1;branch=z9hG4bKccc',
        'f: <sip:a@b>;tag=1',
        't: <sip:c@d>',
        'i: call-1',
        'CSeq: 20 MESSAGE',
        'c: Application/MANSCDP+xml',
        'l: 5',
        '',
        'hello',
      ]),
    );
    expect(headers(message, 'via')).toEqual([
      'SIP/2.0/TCP 10.0.0.2:5060;branch=z9hG4bKaaa',
      'SIP/2.0/UDP 192.168.1.64:5060;branch=z9hG4bKbbb',
      'SIP/2.0/UDP 192.168.0.1;branch=z9hG4bKccc',
    ]);
    expect(header(message, 'content-type')).toBe('Application/MANSCDP+xml');
    expect(header(message, 'f')).toBe('<sip:a@b>;tag=1');
    expect(message.body.toString()).toBe('hello');
  });

  it('keeps a GB2312 body as bytes and drops what follows its Content-Length in a datagram', () => {
    const body = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GB2312
    const message = parseSipMessage(
      Buffer.concat([crlf(['MESSAGE sip:x@y SIP/2.0', 'Call-ID: 1', 'Content-Length: 4', '', '']), body, Buffer.from('junk')]),
    );
    expect(message.body).toEqual(body);
  });

  it('joins folded header lines', () => {
    const message = parseSipMessage(crlf(['OPTIONS sip:x@y SIP/2.0', 'Subject: first', '  second', '', '']));
    expect(header(message, 'subject')).toBe('first second');
  });

  it.each([
    ['an empty datagram', Buffer.alloc(0)],
    ['a start line without a version', crlf(['REGISTER sip:x@y', '', ''])],
    ['a header without a colon', crlf(['OPTIONS sip:x@y SIP/2.0', 'Broken header', '', ''])],
    ['a body shorter than its Content-Length', crlf(['OPTIONS sip:x@y SIP/2.0', 'Content-Length: 10', '', 'abc'])],
    ['a negative Content-Length', crlf(['OPTIONS sip:x@y SIP/2.0', 'Content-Length: -1', '', ''])],
    ['a status out of range', crlf(['SIP/2.0 999 Nope', '', ''])],
    ['more than 100 headers', crlf(['OPTIONS sip:x@y SIP/2.0', ...Array.from({ length: 101 }, (_, i) => `X-${i}: y`), '', ''])],
    ['a message over 64 KiB', Buffer.alloc(70_000, 0x41)],
  ])('refuses %s with a SipParseError', (_, bytes) => {
    expect(() => parseSipMessage(bytes)).toThrow(SipParseError);
  });
});

describe('serializeSipMessage', () => {
  it('writes what parses back to the same message, with Content-Length from the body', () => {
    const parsed = parseSipMessage(HIKVISION_REGISTER);
    const again = parseSipMessage(serializeSipMessage({ ...parsed, body: Buffer.from('x=1') }));
    expect(again.headers.filter(([name]) => name !== 'content-length')).toEqual(
      parsed.headers.filter(([name]) => name !== 'content-length'),
    );
    expect(header(again, 'content-length')).toBe('3');
    expect(serializeSipMessage(parsed).toString()).toContain('Call-ID: 1011047669\r\nCSeq: 1 REGISTER\r\n');
  });

  it('refuses a header value with a line break (header injection)', () => {
    const request: SipRequest = {
      kind: 'request',
      method: 'MESSAGE',
      uri: 'sip:x@y',
      headers: [['subject', 'a\r\nVia: evil']],
      body: Buffer.alloc(0),
    };
    expect(() => serializeSipMessage(request)).toThrow(/line break/);
  });
});

const onlyParseErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (!(error instanceof SipParseError)) throw error;
  }
};

describe('parseSipMessage on hostile input', () => {
  test.prop([fc.uint8Array({ maxLength: 2000 })], { numRuns: 500 })('arbitrary bytes throw nothing but SipParseError', (bytes) => {
    onlyParseErrors(() => parseSipMessage(Buffer.from(bytes)));
  });

  test.prop([mutated(HIKVISION_REGISTER)], { numRuns: 1000 })('mutated REGISTERs throw nothing but SipParseError', (bytes) => {
    onlyParseErrors(() => {
      const message = parseSipMessage(bytes);
      serializeSipMessage(message);
      if (header(message, 'cseq') !== undefined) parseCSeq(message);
    });
  });

  test.prop([mutated(UNAUTHORIZED)], { numRuns: 1000 })('mutated responses throw nothing but SipParseError', (bytes) => {
    onlyParseErrors(() => parseSipMessage(bytes));
  });
});

describe('parseSipMessage on pathological sizes', () => {
  it('counts Via hops against the header bound: 64 KiB of hops is refused, not held', () => {
    const hops = Array.from({ length: 2000 }, (_, i) => `SIP/2.0/UDP 10.0.${i % 250}.1;branch=z9hG4bK${i}`).join(',');
    const bytes = Buffer.from(`OPTIONS sip:x@y SIP/2.0\r\nVia: ${hops.slice(0, 60_000)}\r\n\r\n`);
    expect(() => parseSipMessage(bytes)).toThrow(/more than 100 headers/);
    const fewHops = parseSipMessage(Buffer.from(`OPTIONS sip:x@y SIP/2.0\r\nVia: ${hops.split(',').slice(0, 50).join(', ')}\r\n\r\n`));
    expect(headers(fewHops, 'via')).toHaveLength(50);
  });
});
