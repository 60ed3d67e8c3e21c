import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { buildGbSdp, makeSsrc, parseGbSdp, SdpError } from './sdp';
import { mutated } from './test-support';

// The INVITE SDP WVP-GB28181-pro sends for live video over TCP passive.
const PLAY_INVITE = [
  'v=0',
  'o=13080000002000000001 0 0 IN IP4 10.20.0.2',
  's=Play',
  'c=IN IP4 10.20.0.2',
  't=0 0',
  'm=video 30002 TCP/RTP/AVP 96 97 98 99',
  'a=recvonly',
  'a=rtpmap:96 PS/90000',
  'a=rtpmap:98 H264/90000',
  'a=rtpmap:97 MPEG4/90000',
  'a=rtpmap:99 H265/90000',
  'a=setup:passive',
  'a=connection:new',
  'y=0080000001',
  '',
].join('\r\n');

// A Hikvision NVR's answer to a playback INVITE over UDP.
const PLAYBACK_ANSWER = [
  'v=0',
  'o=13082100001310000001 0 0 IN IP4 192.168.1.10',
  's=Playback',
  'c=IN IP4 192.168.1.10',
  't=1796601600 1796605200',
  'm=video 15060 RTP/AVP 96',
  'a=sendonly',
  'a=rtpmap:96 PS/90000',
  'a=filesize:0',
  'y=1080000003',
  'f=',
  '',
].join('\r\n');

describe('parseGbSdp', () => {
  it('reads a live INVITE over TCP passive with its y= SSRC', () => {
    expect(parseGbSdp(PLAY_INVITE)).toEqual({
      sessionName: 'Play',
      origin: '13080000002000000001',
      connection: '10.20.0.2',
      media: { port: 30002, proto: 'TCP/RTP/AVP', payloads: [96, 97, 98, 99] },
      direction: 'recvonly',
      rtpmap: { 96: 'PS/90000', 97: 'MPEG4/90000', 98: 'H264/90000', 99: 'H265/90000' },
      setup: 'passive',
      ssrc: '0080000001',
      time: [0, 0],
    });
  });

  it("reads a device's playback answer over UDP with its range", () => {
    expect(parseGbSdp(PLAYBACK_ANSWER)).toMatchObject({
      sessionName: 'Playback',
      media: { proto: 'RTP/AVP', port: 15060 },
      direction: 'sendonly',
      time: [1796601600, 1796605200],
      ssrc: '1080000003',
    });
  });

  it('builds what it parses (playback with u=, sub-stream)', () => {
    const sdp = {
      sessionName: 'Playback',
      origin: '13080000002000000001',
      ownerId: '13080000002000000001',
      connection: '10.20.0.2',
      media: { port: 30004, proto: 'TCP/RTP/AVP' as const, payloads: [96] },
      direction: 'recvonly' as const,
      setup: 'passive' as const,
      rtpmap: { 96: 'PS/90000' },
      ssrc: makeSsrc('playback', '1308000000', 12),
      time: [1796601600, 1796605200] as [number, number],
      uri: '13082100001310000001:0',
      streamNumber: 1,
    };
    const text = buildGbSdp(sdp);
    expect(text).toContain('a=setup:passive\r\na=connection:new');
    const { ownerId: _, ...expected } = sdp;
    expect(parseGbSdp(text)).toEqual(expected);
  });

  it.each([
    ['no m= line', 'v=0\r\no=a 0 0 IN IP4 1.2.3.4\r\ns=Play\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\n'],
    ['a port out of range', PLAY_INVITE.replace('30002', '70000')],
    ['a bad y=', PLAY_INVITE.replace('y=0080000001', 'y=abc')],
    ['a line that is no SDP', `${PLAY_INVITE}hello\r\n`],
  ])('refuses %s with an SdpError', (_, text) => {
    expect(() => parseGbSdp(text)).toThrow(SdpError);
  });

  it('makes SSRCs: 0 live / 1 playback, domain digits 4–8, a 4-digit sequence', () => {
    expect(makeSsrc('live', '1308000000', 1)).toBe('0800000001');
    expect(makeSsrc('playback', '1308210000', 12345)).toBe('1821002345');
  });

  const onlySdpErrors = (text: string) => {
    try {
      parseGbSdp(text);
    } catch (error) {
      if (!(error instanceof SdpError)) throw error;
    }
  };
  test.prop([fc.string({ maxLength: 2000 })], { numRuns: 500 })('arbitrary text throws nothing but SdpError', onlySdpErrors);
  test.prop([mutated(Buffer.from(PLAY_INVITE))], { numRuns: 1000 })('mutated SDP throws nothing but SdpError', (bytes) =>
    onlySdpErrors(bytes.toString('utf8')),
  );
});
