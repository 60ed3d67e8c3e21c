// Shared by the GB/T 28181 tests: real message samples and the fuzzers' mutation of valid input.
import { fc } from '@fast-check/vitest';

export const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

// A REGISTER as a Hikvision IP camera sends it (its own short branch, rport asked for, Contact on its LAN address).
export const HIKVISION_REGISTER = crlf([
  'REGISTER sip:34020000002000000001@3402000000 SIP/2.0',
  'Via: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1371463273',
  'From: <sip:34020000001320000001@3402000000>;tag=2043466181',
  'To: <sip:34020000001320000001@3402000000>',
  'Call-ID: 1011047669',
  'CSeq: 1 REGISTER',
  'Contact: <sip:34020000001320000001@192.168.1.64:5060>',
  'Max-Forwards: 70',
  'User-Agent: IP Camera',
  'Expires: 3600',
  'Content-Length: 0',
  '',
  '',
]);

// Mutations of a valid message: flip, insert, delete or truncate bytes at random places.
export const mutated = (valid: Buffer) =>
  fc
    .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'delete', 'cut')), {
      minLength: 1,
      maxLength: 8,
    })
    .map((edits) => {
      let bytes = Buffer.from(valid);
      for (const [position, value, edit] of edits) {
        const at = position % Math.max(1, bytes.length);
        if (edit === 'flip') bytes[at] = value;
        else if (edit === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([value]), bytes.subarray(at)]);
        else if (edit === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
        else bytes = bytes.subarray(0, at);
      }
      return bytes;
    });
