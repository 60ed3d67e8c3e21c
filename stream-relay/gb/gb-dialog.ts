// One INVITE dialog with a device (a live or playback stream), as the relay's media side holds it: end it
// with BYE, control playback with INFO (MANSRTSP), and learn when the device ends it (its BYE) or
// disappears (offline: 'timeout').
import type { GbSdp } from '../../gb28181/sdp';
import { buildMansrtsp, MANSRTSP_CONTENT_TYPE, type MansrtspCommand } from '../../gb28181/mansrtsp';
import type { SipDialog } from '../../gb28181/sip/dialog';

export interface GbDialog {
  readonly callId: string;
  readonly deviceId: string;
  readonly channelId: string;
  readonly answer: GbSdp;
  bye(): Promise<void>;
  info(command: MansrtspCommand): Promise<void>;
  /** Resolves when the dialog ends from the device's side: its BYE, or the device going offline. */
  readonly ended: Promise<'bye' | 'timeout'>;
}

const BYE_TIMEOUT_MS = 5_000;

export class DeviceDialog implements GbDialog {
  readonly ended: Promise<'bye' | 'timeout'>;
  private endedBy: ((reason: 'bye' | 'timeout') => void) | null = null;
  private closed = false;

  constructor(
    private readonly sip: SipDialog,
    readonly deviceId: string,
    readonly channelId: string,
    readonly answer: GbSdp,
    private readonly onClosed: (dialog: DeviceDialog) => void,
  ) {
    this.ended = new Promise((resolve) => (this.endedBy = resolve));
  }

  get callId(): string {
    return this.sip.callId;
  }

  async bye(): Promise<void> {
    if (this.closed) return;
    this.finish();
    // A device that does not answer the BYE has ended the stream as far as we are concerned.
    await this.sip.request('BYE', { timeoutMs: BYE_TIMEOUT_MS }).catch(() => undefined);
  }

  async info(command: MansrtspCommand): Promise<void> {
    if (this.closed) throw new Error(`the stream of ${this.channelId} has ended`);
    const response = await this.sip.request('INFO', { body: buildMansrtsp(command), contentType: MANSRTSP_CONTENT_TYPE });
    if (response.status >= 300) throw new Error(`device ${this.deviceId} refused ${command.action}: ${response.status} ${response.reason}`);
  }

  /** The device hung up (its BYE) or went away. */
  endedByDevice(reason: 'bye' | 'timeout'): void {
    if (this.closed) return;
    this.finish();
    this.endedBy?.(reason);
  }

  private finish(): void {
    this.closed = true;
    this.onClosed(this);
  }
}
