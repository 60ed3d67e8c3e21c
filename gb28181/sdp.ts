// The SDP of GB/T 28181 INVITEs and their answers (RFC 4566 plus the standard's own `y=` SSRC and `f=` media
// lines): s=Play|Playback|Download, t= the range for playback, one video m= line with PS/90000, a=setup for
// TCP (RFC 4145), a=streamnumber for the 2022 edition's sub-stream.

export interface GbSdp {
  sessionName: 'Play' | 'Playback' | 'Download' | (string & {});
  /** The o= username (the sender's GB id). */
  origin: string;
  /** The c= address media goes to or comes from. */
  connection: string;
  media: { port: number; proto: 'RTP/AVP' | 'TCP/RTP/AVP'; payloads: number[] };
  setup?: 'active' | 'passive';
  direction?: 'sendonly' | 'recvonly' | 'sendrecv';
  rtpmap: Record<number, string>;
  /** `y=`: 10 digits. */
  ssrc?: string;
  /** t=: seconds since the epoch; 0 0 for live. */
  time: [number, number];
  /** u=: `<channelId>:0` for playback. */
  uri?: string;
  streamNumber?: number;
  downloadSpeed?: number;
}

export class SdpError extends Error {
  override name = 'SdpError';
}

const MAX_SDP_BYTES = 8192;

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) throw new SdpError(`bad media port: ${JSON.stringify(text.slice(0, 10))}`);
  return port;
}

/** Parses a GB/T 28181 SDP; throws SdpError naming what is missing or malformed. */
export function parseGbSdp(text: string): GbSdp {
  if (text.length > MAX_SDP_BYTES) throw new SdpError(`SDP over ${MAX_SDP_BYTES} bytes`);
  let sessionName: string | undefined;
  let origin: string | undefined;
  let sessionConnection: string | undefined;
  let mediaConnection: string | undefined;
  let media: GbSdp['media'] | undefined;
  let time: [number, number] | undefined;
  const result: Partial<GbSdp> = { rtpmap: {} };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    const match = /^([a-z])=(.*)$/.exec(line);
    if (!match) throw new SdpError(`bad SDP line: ${JSON.stringify(line.slice(0, 60))}`);
    const [, type, value] = match as unknown as [string, string, string];
    switch (type) {
      case 's':
        sessionName = value.trim();
        break;
      case 'o': {
        const parts = value.split(/\s+/);
        if (parts.length < 6) throw new SdpError(`bad o= line: ${JSON.stringify(value.slice(0, 60))}`);
        origin = parts[0];
        break;
      }
      case 'c': {
        const connection = /^IN IP[46] (\S+)$/.exec(value.trim())?.[1];
        if (!connection) throw new SdpError(`bad c= line: ${JSON.stringify(value.slice(0, 60))}`);
        if (media) mediaConnection = connection.split('/')[0];
        else sessionConnection = connection.split('/')[0];
        break;
      }
      case 't': {
        const times = /^(\d{1,12}) (\d{1,12})$/.exec(value.trim());
        if (!times) throw new SdpError(`bad t= line: ${JSON.stringify(value.slice(0, 60))}`);
        time = [Number(times[1]), Number(times[2])];
        break;
      }
      case 'm': {
        if (media) break; // GB/T 28181 uses the first (video) media line; audio lines after it are not ours to read
        const parts = /^(video|audio) (\d+)(?:\/\d+)? (TCP\/RTP\/AVP|RTP\/AVP)((?: \d{1,3})*)$/i.exec(value.trim());
        if (!parts) throw new SdpError(`bad m= line: ${JSON.stringify(value.slice(0, 60))}`);
        const proto = parts[3]!.toUpperCase() === 'RTP/AVP' ? 'RTP/AVP' : 'TCP/RTP/AVP';
        const payloads = parts[4]!.trim() === '' ? [] : parts[4]!.trim().split(' ').map(Number);
        media = { port: parsePort(parts[2]!), proto, payloads };
        break;
      }
      case 'a':
        readAttribute(value, result);
        break;
      case 'y':
        if (!/^\d{1,10}$/.test(value.trim())) throw new SdpError(`bad y= SSRC: ${JSON.stringify(value.slice(0, 20))}`);
        result.ssrc = value.trim().padStart(10, '0');
        break;
      case 'u':
        result.uri = value.trim();
        break;
      default:
        break; // v=, f=, b= and the rest carry nothing we act on
    }
  }
  if (!sessionName) throw new SdpError('no s= line');
  if (!origin) throw new SdpError('no o= line');
  const connection = mediaConnection ?? sessionConnection;
  if (!connection) throw new SdpError('no c= line');
  if (!media) throw new SdpError('no m= line');
  if (!time) throw new SdpError('no t= line');
  return { ...result, sessionName, origin, connection, media, time, rtpmap: result.rtpmap ?? {} };
}

function readAttribute(value: string, result: Partial<GbSdp>): void {
  const colon = value.indexOf(':');
  const name = (colon < 0 ? value : value.slice(0, colon)).trim().toLowerCase();
  const argument = colon < 0 ? '' : value.slice(colon + 1).trim();
  switch (name) {
    case 'sendonly':
    case 'recvonly':
    case 'sendrecv':
      result.direction = name;
      break;
    case 'setup':
      if (argument === 'active' || argument === 'passive') result.setup = argument;
      break;
    case 'rtpmap': {
      const map = /^(\d{1,3}) (\S+)$/.exec(argument);
      if (!map) throw new SdpError(`bad a=rtpmap: ${JSON.stringify(argument.slice(0, 40))}`);
      result.rtpmap![Number(map[1])] = map[2]!;
      break;
    }
    case 'streamnumber':
    case 'downloadspeed': {
      if (!/^\d{1,3}$/.test(argument)) throw new SdpError(`bad a=${name}: ${JSON.stringify(argument.slice(0, 20))}`);
      if (name === 'streamnumber') result.streamNumber = Number(argument);
      else result.downloadSpeed = Number(argument);
      break;
    }
    default:
      break;
  }
}

/** Writes a GB/T 28181 SDP (CRLF lines, the order devices expect). */
export function buildGbSdp(sdp: GbSdp & { ownerId: string }): string {
  const lines = [
    'v=0',
    `o=${sdp.ownerId} 0 0 IN IP4 ${sdp.connection}`,
    `s=${sdp.sessionName}`,
    ...(sdp.uri ? [`u=${sdp.uri}`] : []),
    `c=IN IP4 ${sdp.connection}`,
    `t=${sdp.time[0]} ${sdp.time[1]}`,
    `m=video ${sdp.media.port} ${sdp.media.proto} ${sdp.media.payloads.join(' ')}`,
  ];
  if (sdp.direction) lines.push(`a=${sdp.direction}`);
  for (const [payload, encoding] of Object.entries(sdp.rtpmap)) lines.push(`a=rtpmap:${payload} ${encoding}`);
  if (sdp.media.proto === 'TCP/RTP/AVP' && sdp.setup) lines.push(`a=setup:${sdp.setup}`, 'a=connection:new');
  if (sdp.streamNumber !== undefined) lines.push(`a=streamnumber:${sdp.streamNumber}`);
  if (sdp.downloadSpeed !== undefined) lines.push(`a=downloadspeed:${sdp.downloadSpeed}`);
  if (sdp.ssrc) lines.push(`y=${sdp.ssrc}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** The y= SSRC: 0 live / 1 playback, domain digits 4–8, then a 4-digit sequence. */
export function makeSsrc(kind: 'live' | 'playback', domain: string, sequence: number): string {
  if (!/^\d{10}$/.test(domain)) throw new Error(`a SIP domain has 10 digits, not ${JSON.stringify(domain)}`);
  return `${kind === 'live' ? 0 : 1}${domain.slice(3, 8)}${String(Math.abs(Math.trunc(sequence)) % 10000).padStart(4, '0')}`;
}

/** The y= SSRC as the 32-bit RTP SSRC it names (RTP carries it as a number). */
export function ssrcNumber(ssrc: string): number {
  return Number(ssrc) >>> 0;
}
