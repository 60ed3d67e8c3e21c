// One GB/T 28181 media session: a port from the pool, a receiver listening on it, and the INVITE that asks
// the device to send there. Closing it sends BYE (unless the device already hung up), closes the receiver and
// gives the port back, once, whichever way the session ended.
import { makeSsrc, ssrcNumber } from '../../gb28181/sdp';
import type { EsFrame, GbMedia, InviteRequest, MediaDialog } from './media-ports';

/** Where the receiver listens: every interface, since the device reaches us at SIP_HOST, whatever that is. */
const LISTEN_HOST = '0.0.0.0';

export interface MediaSession {
  readonly dialog: MediaDialog;
  /** Settles once, with why, when the device hung up or the media connection closed. */
  readonly ended: Promise<string>;
  close(): Promise<void>;
}

export type SessionRequest = Pick<InviteRequest, 'deviceId' | 'channelId' | 'mode' | 'start' | 'end' | 'streamNumber'>;

/** INVITEs a channel and delivers its frames to `onFrame`; rejects with the reason when it cannot. */
export async function openMediaSession(gb: GbMedia, request: SessionRequest, onFrame: (frame: EsFrame) => void): Promise<MediaSession> {
  const { signalling } = gb;
  const port = signalling.mediaPorts.take();
  if (port === null) throw new Error('no free media port (MEDIA_PORTS is used up)');
  // The `y=` SSRC (live 0…, playback 1…); the receiver drops packets of any other SSRC.
  const ssrc = makeSsrc(request.mode === 'play' ? 'live' : 'playback', signalling.domain, signalling.nextSsrcSequence());
  let closed = false;
  let receiver;
  try {
    receiver = await gb.openReceiver({ host: LISTEN_HOST, port, transport: gb.transport, ssrc: ssrcNumber(ssrc) });
  } catch (error) {
    signalling.mediaPorts.release(port);
    throw error;
  }
  receiver.on('frame', onFrame);
  receiver.on('error', () => undefined);
  const mediaClosed = new Promise<string>((resolve) => receiver.once('closed', () => resolve('the media connection closed')));
  let dialog: MediaDialog;
  try {
    dialog = await signalling.invite({ ...request, transport: gb.transport, mediaHost: signalling.sipHost, mediaPort: port, ssrc });
  } catch (error) {
    closed = true;
    receiver.close();
    signalling.mediaPorts.release(port);
    throw error;
  }
  let deviceEnded = false;
  const hungUp = dialog.ended.then(
    (how) => {
      deviceEnded = true;
      return how === 'bye' ? 'the device ended the call' : 'the call timed out';
    },
    (error: unknown) => `the call failed: ${(error as Error).message}`,
  );
  return {
    dialog,
    ended: Promise.race([hungUp, mediaClosed]),
    async close() {
      if (closed) return;
      closed = true;
      receiver.off('frame', onFrame);
      receiver.close();
      signalling.mediaPorts.release(port);
      if (!deviceEnded) await dialog.bye().catch(() => undefined);
    },
  };
}
