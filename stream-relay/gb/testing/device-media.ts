// The media half of a GB/T 28181 test device: on each INVITE the device answered, a clip goes as PS over RTP
// to where the INVITE's SDP asked (TCP: the device connects out, as behind NAT; UDP: datagrams), with the SSRC
// of its `y=`, through the simulated NVR's own media (`fixtures/gb28181/nvr-media.ts`); the call's BYE stops
// it. It can drop the media while the call stays up (a link that died).
import { streamChannel, type ChannelStream } from '../../../fixtures/gb28181/nvr-media';
import type { VideoCodec } from '../../../gb28181/media/es-frame';
import { parseGbSdp } from '../../../gb28181/sdp';
import { header, type SipRequest } from '../../../gb28181/sip/message';

export interface DeviceMedia {
  /** INVITEs answered with media so far. */
  readonly calls: number;
  /** Calls sending now. */
  readonly sending: number;
  dropMedia(drop: boolean): void;
  stop(): void;
}

export function sendMediaOnInvite(
  device: { readonly received: SipRequest[]; readonly byes: SipRequest[] },
  clip: { file: string; codec: VideoCodec },
): Promise<DeviceMedia> {
  const streams = new Map<string, ChannelStream | null>();
  let seen = 0;
  let calls = 0;
  let dropped = false;

  const start = async (invite: SipRequest) => {
    const callId = header(invite, 'call-id') ?? '';
    const offer = parseGbSdp(invite.body.toString('utf8'));
    streams.set(callId, null);
    calls += 1;
    const playback = offer.sessionName === 'Playback';
    const stream = await streamChannel({
      clip: clip.file,
      codec: clip.codec,
      target: {
        transport: offer.media.proto === 'TCP/RTP/AVP' ? 'tcp-passive' : 'udp',
        host: offer.connection,
        port: offer.media.port,
        ssrc: Number(offer.ssrc ?? 0) >>> 0,
      },
      ...(playback ? { range: { start: new Date(offer.time[0] * 1000), end: new Date(offer.time[1] * 1000) } } : {}),
    });
    if (!streams.has(callId)) return stream.stop();
    stream.dropMedia(dropped);
    streams.set(callId, stream);
  };
  const stopCall = (callId: string) => {
    if (!streams.has(callId)) return;
    streams.get(callId)?.stop();
    streams.delete(callId);
  };

  const watcher = setInterval(() => {
    for (const request of device.received.slice(seen)) {
      if (request.method === 'INVITE') void start(request).catch(() => undefined);
    }
    seen = device.received.length;
    for (const bye of device.byes) stopCall(header(bye, 'call-id') ?? '');
  }, 20);

  return Promise.resolve({
    get calls() {
      return calls;
    },
    get sending() {
      return streams.size;
    },
    dropMedia(drop: boolean) {
      dropped = drop;
      for (const stream of streams.values()) stream?.dropMedia(drop);
    },
    stop() {
      clearInterval(watcher);
      for (const callId of [...streams.keys()]) stopCall(callId);
    },
  });
}
