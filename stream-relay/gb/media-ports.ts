// What the relay's GB/T 28181 media needs from the signalling (the relay's SIP server, `sip-server.ts`) and
// from the RTP receiver (`gb28181/media`): only these few members, so the media code states its needs and
// the two parts can change behind them. The real GbSipServer and RtpReceiver.open fit these shapes.
import type { MansrtspCommand } from '../../gb28181/mansrtsp';
import type { EsFrame } from '../../gb28181/media/es-frame';

export type { EsFrame };

/** RTP over TCP with the device connecting out to us (works through the school's NAT), or over UDP. */
export type MediaTransport = 'tcp-passive' | 'udp';

export interface FrameReceiver {
  on(event: 'frame', listener: (frame: EsFrame) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  once(event: 'closed', listener: () => void): unknown;
  off(event: 'frame', listener: (frame: EsFrame) => void): unknown;
  close(): void;
}

export type OpenFrameReceiver = (options: {
  host: string;
  port: number;
  transport: MediaTransport;
  ssrc?: number;
}) => Promise<FrameReceiver>;

/** MANSRTSP commands for a playback dialog (GB/T 28181: INFO in the dialog). */
export type PlaybackCommand = MansrtspCommand;

export interface MediaDialog {
  bye(): Promise<void>;
  info(command: PlaybackCommand): Promise<void>;
  /** Settles when the device ends the dialog. */
  readonly ended: Promise<'bye' | 'timeout'>;
}

export interface InviteRequest {
  deviceId: string;
  channelId: string;
  mode: 'play' | 'playback';
  start?: Date;
  end?: Date;
  transport: MediaTransport;
  mediaHost: string;
  mediaPort: number;
  /** The 10-digit `y=` SSRC. */
  ssrc: string;
  streamNumber?: 0 | 1;
}

export interface DeviceRecording {
  startTime: string;
  endTime: string;
  fileSize?: number;
}

export interface GbChannelEvent {
  channelId: string;
  online: boolean;
}

export interface GbDeviceEvent {
  deviceId: string;
  online: boolean;
}

export interface MediaSignalling {
  on(event: 'device', listener: (device: GbDeviceEvent) => void): unknown;
  on(event: 'channel', listener: (deviceId: string, channel: GbChannelEvent) => void): unknown;
  off(event: 'device', listener: (device: GbDeviceEvent) => void): unknown;
  off(event: 'channel', listener: (deviceId: string, channel: GbChannelEvent) => void): unknown;
  invite(request: InviteRequest): Promise<MediaDialog>;
  recordInfo(deviceId: string, channelId: string, from: Date, to: Date): Promise<DeviceRecording[]>;
  channelOnline(deviceId: string, channelId: string): boolean;
  /** The sequence part of the next `y=` SSRC (unique within the process). */
  nextSsrcSequence(): number;
  readonly sipHost: string;
  readonly domain: string;
  readonly mediaPorts: { take(): number | null; release(port: number): void };
}

/** The relay's GB/T 28181 side, when it runs one. */
export interface GbMedia {
  signalling: MediaSignalling;
  openReceiver: OpenFrameReceiver;
  transport: MediaTransport;
  /** BYE this long after the last holder released a live stream. */
  idleSeconds: number;
}
