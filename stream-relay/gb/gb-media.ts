// The relay's GB/T 28181 media side made from its SIP server: calls go through the server, video arrives at
// an RTP receiver (RTP → PS → access units) on a port from the server's MEDIA_PORTS pool.
import { RtpReceiver } from '../../gb28181/media/rtp-receiver';
import type { Logger } from '../logger';
import type { GbSipServer } from './sip-server';
import type { GbMedia, MediaTransport } from './media-ports';

export interface GbMediaSettings {
  /** RELAY_GB_MEDIA_TRANSPORT: TCP passive (the device connects out to us, through its NAT) or UDP. */
  transport: MediaTransport;
  /** RELAY_GB_IDLE_SECONDS: a live call is hung up this long after its last holder let go. */
  idleSeconds: number;
}

export function gbMediaOf(server: GbSipServer, settings: GbMediaSettings, log: Logger): GbMedia {
  return {
    signalling: server,
    transport: settings.transport,
    idleSeconds: settings.idleSeconds,
    openReceiver: (options) => RtpReceiver.open({ ...options, log }),
  };
}
