// The media half of a GB/T 28181 test device: on each INVITE the device answered, a clip's access units go,
// at 25 fps and looped, as PS over RTP to where the INVITE's SDP asked (TCP: the device connects out, as
// behind NAT; UDP: datagrams), with the SSRC of its `y=`; the call's BYE stops them. It can drop the media
// while the call stays up (a link that died). Real sockets, and the same PS muxer and packetizer as the
// simulated NVR.
import { readFile } from 'node:fs/promises';
import { splitAccessUnits } from '../../../gb28181/media/annexb';
import type { VideoCodec } from '../../../gb28181/media/es-frame';
import { muxPs } from '../../../gb28181/media/ps-mux';
import { packetizeRtp } from '../../../gb28181/media/rtp-packetize';
import { RtpSender } from '../../../gb28181/media/rtp-sender';
import { parseGbSdp } from '../../../gb28181/sdp';
import { header, type SipRequest } from '../../../gb28181/sip/message';

const FRAME_MS = 40;
const PTS_PER_FRAME = 3600;

export interface DeviceMedia {
  /** INVITEs answered with media so far. */
  readonly calls: number;
  /** Calls sending now. */
  readonly sending: number;
  dropMedia(drop: boolean): void;
  stop(): void;
}

export async function sendMediaOnInvite(
  device: { readonly received: SipRequest[]; readonly byes: SipRequest[] },
  clip: { file: string; codec: VideoCodec },
): Promise<DeviceMedia> {
  const units = splitAccessUnits(clip.codec, await readFile(clip.file));
  const streams = new Map<string, { timer: NodeJS.Timeout; sender: RtpSender | null }>();
  let seen = 0;
  let calls = 0;
  let dropped = false;

  const start = async (invite: SipRequest) => {
    const callId = header(invite, 'call-id') ?? '';
    const offer = parseGbSdp(invite.body.toString('utf8'));
    const ssrc = Number(offer.ssrc ?? 0) >>> 0;
    const playback = offer.sessionName === 'Playback';
    const lastFrame = playback ? ((offer.time[1] - offer.time[0]) * 1000) / FRAME_MS : Infinity;
    const stream = { timer: setTimeout(() => undefined, 0), sender: null as RtpSender | null };
    streams.set(callId, stream);
    calls += 1;
    const transport = offer.media.proto === 'TCP/RTP/AVP' ? 'tcp-active' : 'udp';
    stream.sender = await RtpSender.connect({ transport, host: offer.connection, port: offer.media.port });
    let index = 0;
    let sequence = 0;
    stream.timer = setInterval(() => {
      if (dropped || index >= lastFrame) return;
      const unit = units[index % units.length]!;
      const pts = index * PTS_PER_FRAME;
      const ps = muxPs({ codec: clip.codec, data: unit.data, keyframe: unit.keyframe, pts });
      const { packets, nextSequence } = packetizeRtp(ps, { ssrc, sequence, timestamp: pts });
      sequence = nextSequence;
      for (const packet of packets) stream.sender?.send(packet);
      index += 1;
    }, FRAME_MS);
  };
  const stopCall = (callId: string) => {
    const stream = streams.get(callId);
    if (!stream) return;
    clearInterval(stream.timer);
    stream.sender?.close();
    streams.delete(callId);
  };

  const watcher = setInterval(() => {
    for (const request of device.received.slice(seen)) {
      if (request.method === 'INVITE') void start(request).catch(() => undefined);
    }
    seen = device.received.length;
    for (const bye of device.byes) stopCall(header(bye, 'call-id') ?? '');
  }, 20);

  return {
    get calls() {
      return calls;
    },
    get sending() {
      return streams.size;
    },
    dropMedia: (drop) => (dropped = drop),
    stop() {
      clearInterval(watcher);
      for (const callId of [...streams.keys()]) stopCall(callId);
    },
  };
}
