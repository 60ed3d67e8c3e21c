import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { header, serializeSipMessage, SipParseError, type SipRequest } from './message';
import { HIKVISION_REGISTER, mutated } from '../test-support';
import { SipStreamFramer } from './tcp-framer';

const keepalive = (sn: number): SipRequest => ({
  kind: 'request',
  method: 'MESSAGE',
  uri: 'sip:34020000002000000001@3402000000',
  headers: [
    ['via', `SIP/2.0/TCP 192.168.1.64:5060;branch=z9hG4bK${sn}`],
    ['call-id', `call-${sn}`],
    ['cseq', `${sn} MESSAGE`],
    ['content-type', 'Application/MANSCDP+xml'],
  ],
  body: Buffer.from(`<?xml version="1.0"?><Notify><CmdType>Keepalive</CmdType><SN>${sn}</SN></Notify>`),
});

describe('SipStreamFramer', () => {
  it('cuts a stream into messages by Content-Length, whatever the chunking, skipping CRLF keepalives', () => {
    const stream = Buffer.concat([
      serializeSipMessage(keepalive(1)),
      Buffer.from('\r\n\r\n'),
      serializeSipMessage(keepalive(2)),
      serializeSipMessage(keepalive(3)),
    ]);
    for (const size of [1, 7, 100, stream.length]) {
      const framer = new SipStreamFramer();
      const calls: string[] = [];
      for (let at = 0; at < stream.length; at += size) {
        for (const message of framer.push(stream.subarray(at, at + size))) calls.push(header(message, 'call-id')!);
      }
      expect(calls).toEqual(['call-1', 'call-2', 'call-3']);
    }
  });

  it('throws on garbage, and keeps throwing (the connection cannot be resynchronised)', () => {
    const framer = new SipStreamFramer();
    expect(() => framer.push(Buffer.from('GARBAGE\r\n\r\n'))).toThrow(SipParseError);
    expect(() => framer.push(serializeSipMessage(keepalive(1)))).toThrow(SipParseError);
  });

  it('throws rather than buffering a head or a body beyond 64 KiB', () => {
    expect(() => new SipStreamFramer().push(Buffer.alloc(70_000, 0x41))).toThrow(SipParseError);
    const huge = Buffer.from('MESSAGE sip:x@y SIP/2.0\r\nContent-Length: 999999\r\n\r\n');
    expect(() => new SipStreamFramer().push(huge)).toThrow(SipParseError);
  });

  test.prop([fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 })], { numRuns: 500 })(
    'arbitrary chunks throw nothing but SipParseError',
    (chunks) => {
      const framer = new SipStreamFramer();
      try {
        for (const chunk of chunks) framer.push(Buffer.from(chunk));
      } catch (error) {
        if (!(error instanceof SipParseError)) throw error;
      }
    },
  );

  test.prop([mutated(HIKVISION_REGISTER), fc.integer({ min: 1, max: 64 })], { numRuns: 1000 })(
    'mutated messages in small chunks throw nothing but SipParseError',
    (bytes, size) => {
      const framer = new SipStreamFramer();
      try {
        for (let at = 0; at < bytes.length; at += size) framer.push(bytes.subarray(at, at + size));
      } catch (error) {
        if (!(error instanceof SipParseError)) throw error;
      }
    },
  );
});
