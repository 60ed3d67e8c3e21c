// A stand-in for a GB/T 28181 device and for the relay's SIP server and RTP receiver, for the media tests
// while those parts are being written: an INVITE starts a clip's access units, at 25 fps, looped, into the
// receiver on the port the INVITE named; BYE stops them. It keeps what a test asks about: the calls made, the
// calls up, what each INVITE asked. It will give way to the simulated NVR and the real SIP server.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { splitAccessUnits } from '../../../gb28181/media/annexb';
import type { VideoCodec } from '../../../gb28181/media/es-frame';
import type {
  EsFrame,
  FrameReceiver,
  GbMedia,
  InviteRequest,
  MediaDialog,
  MediaSignalling,
  DeviceRecording,
  PlaybackCommand,
} from '../media-ports';

const FRAME_MS = 40;

class StandInReceiver extends EventEmitter<{ frame: [EsFrame]; closed: []; error: [Error] }> implements FrameReceiver {
  closed = false;
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('closed');
  }
}

export interface StandInChannel {
  channelId: string;
  clip: string;
  codec: VideoCodec;
  online: boolean;
}

export class StandInDevice
  extends EventEmitter<{ device: [{ deviceId: string; online: boolean }]; channel: [string, { channelId: string; online: boolean }] }>
  implements MediaSignalling
{
  readonly sipHost = '127.0.0.1';
  readonly domain = '1308000000';
  readonly invites: InviteRequest[] = [];
  readonly infos: PlaybackCommand[] = [];
  private readonly receivers = new Map<number, StandInReceiver>();
  private readonly calls = new Set<{ hangUp: (how: 'bye' | 'timeout') => void }>();
  private readonly freePorts: number[];
  /** Calls stop sending (a dropped link) while true. */
  mediaDropped = false;

  constructor(
    readonly deviceId: string,
    readonly channels: StandInChannel[],
  ) {
    super();
    this.freePorts = Array.from({ length: 20 }, (_, i) => 40_000 + i);
  }

  readonly mediaPorts = {
    take: () => this.freePorts.shift() ?? null,
    release: (port: number) => void this.freePorts.push(port),
  };

  get activeCalls(): number {
    return this.calls.size;
  }

  media(transport: GbMedia['transport'] = 'tcp-passive', idleSeconds = 1): GbMedia {
    return {
      signalling: this,
      transport,
      idleSeconds,
      openReceiver: ({ port }) => {
        const receiver = new StandInReceiver();
        this.receivers.set(port, receiver);
        receiver.once('closed', () => this.receivers.delete(port));
        return Promise.resolve(receiver);
      },
    };
  }

  private ssrcSequence = 0;
  nextSsrcSequence(): number {
    this.ssrcSequence += 1;
    return this.ssrcSequence;
  }

  channelOnline(deviceId: string, channelId: string): boolean {
    return deviceId === this.deviceId && (this.channels.find((channel) => channel.channelId === channelId)?.online ?? false);
  }

  setChannelOnline(channelId: string, online: boolean): void {
    const channel = this.channels.find((each) => each.channelId === channelId);
    if (!channel) return;
    channel.online = online;
    this.emit('channel', this.deviceId, { channelId, online });
  }

  /** The device hangs up every call (BYE from its side). */
  hangUpAll(): void {
    for (const call of [...this.calls]) call.hangUp('bye');
  }

  recordInfo(_deviceId: string, _channelId: string, from: Date, to: Date): Promise<DeviceRecording[]> {
    const middle = new Date((from.getTime() + to.getTime()) / 2);
    return Promise.resolve([{ startTime: from.toISOString(), endTime: middle.toISOString(), fileSize: 1000 }]);
  }

  async invite(request: InviteRequest): Promise<MediaDialog> {
    const channel = this.channels.find((each) => each.channelId === request.channelId);
    if (request.deviceId !== this.deviceId || !channel?.online) throw new Error('the device answered 404');
    const receiver = this.receivers.get(request.mediaPort);
    if (!receiver) throw new Error('nobody listens on the media port');
    this.invites.push(request);
    const units = splitAccessUnits(channel.codec, await readFile(channel.clip));
    let index = 0;
    let resolveEnded: (how: 'bye' | 'timeout') => void = () => undefined;
    const ended = new Promise<'bye' | 'timeout'>((resolve) => (resolveEnded = resolve));
    // A playback sends the range's frames and hangs up at its end; PAUSE stops it until the next PLAY.
    const lastFrame =
      request.mode === 'playback' && request.start && request.end ? (request.end.getTime() - request.start.getTime()) / FRAME_MS : Infinity;
    let paused = false;
    const timer = setInterval(() => {
      if (this.mediaDropped || receiver.closed || paused) return;
      if (index >= lastFrame) return call.hangUp('bye');
      const unit = units[index % units.length]!;
      receiver.emit('frame', { codec: channel.codec, data: unit.data, keyframe: unit.keyframe, pts: index * 3600 });
      index += 1;
    }, FRAME_MS);
    const call = {
      hangUp: (how: 'bye' | 'timeout') => {
        clearInterval(timer);
        this.calls.delete(call);
        resolveEnded(how);
      },
    };
    this.calls.add(call);
    return {
      ended,
      bye: () => {
        clearInterval(timer);
        this.calls.delete(call);
        return Promise.resolve();
      },
      info: (command) => {
        this.infos.push(command);
        paused = command.action === 'PAUSE';
        return Promise.resolve();
      },
    };
  }
}
