// The motion gate: a still kitchen costs almost nothing. Each sampled frame is shrunk to a tiny greyscale
// picture (JPEG shrink-on-load makes that a fraction of a full decode) and compared with the picture of the
// frame last analysed; the detector runs only when enough of the unmasked picture changed, or when something
// is being tracked and has not been looked at for a while (a person standing still, to measure dwell and to
// see them leave), or when nothing has been looked at for the idle time (a person who came in unseen and
// stands still after hours is still found). Comparing with the last analysed frame, not the last sampled one,
// means slow change accumulates until it is looked at.
import sharp from 'sharp';
import type { MotionSettings } from '../rules/schema';

export const GATE_WIDTH = 96;
export const GATE_HEIGHT = 54;

export interface GreyFrame {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** The JPEG as a GATE_WIDTH × GATE_HEIGHT greyscale picture (one byte a pixel), stretched to fill. */
export async function greyThumbnail(image: Uint8Array, width = GATE_WIDTH, height = GATE_HEIGHT): Promise<GreyFrame> {
  const { data, info } = await sharp(image, { failOn: 'error' })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .greyscale()
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/**
 * The share (0–1) of unmasked pixels whose grey level changed by at least `pixelThreshold` between two pictures
 * of the same size. `mask`: 1 for pixels to ignore. Pure, for tests and the benchmark.
 */
export function changedShare(previous: Uint8Array, current: Uint8Array, pixelThreshold: number, mask?: Uint8Array): number {
  if (previous.length !== current.length) throw new Error(`pictures differ in size: ${previous.length} and ${current.length} pixels`);
  let changed = 0;
  let counted = 0;
  for (let i = 0; i < current.length; i += 1) {
    if (mask && mask[i]) continue;
    counted += 1;
    if (Math.abs(current[i]! - previous[i]!) >= pixelThreshold) changed += 1;
  }
  return counted === 0 ? 0 : changed / counted;
}

export type GateReason = 'first' | 'motion' | 'tracking' | 'idle' | 'owed' | 'still';

export interface GateDecision {
  readonly run: boolean;
  readonly reason: GateReason;
  /** Changed share against the last analysed frame (1 for the first frame). */
  readonly share: number;
}

export class MotionGate {
  private reference: GreyFrame | undefined;
  private lastRunAt = -Infinity;
  private owed = false;

  constructor(
    private settings: MotionSettings,
    private mask: Uint8Array | undefined,
  ) {}

  configure(settings: MotionSettings, mask: Uint8Array | undefined): void {
    this.settings = settings;
    this.mask = mask;
  }

  /** A frame that passed the gate was dropped before analysis: the next one passes whatever it shows. */
  owe(): void {
    this.owed = true;
  }

  /**
   * Decides for one frame taken at `at` (ms). `tracking`: the camera has live tracks. A frame that passes
   * becomes the new reference.
   */
  decide(frame: GreyFrame, at: number, tracking: boolean): GateDecision {
    const reference = this.reference;
    const share =
      reference && reference.data.length === frame.data.length
        ? changedShare(
            reference.data,
            frame.data,
            this.settings.pixelThreshold,
            this.mask?.length === frame.data.length ? this.mask : undefined,
          )
        : 1;
    const since = at - this.lastRunAt;
    let reason: GateReason = 'still';
    if (!reference || reference.data.length !== frame.data.length) reason = 'first';
    else if (this.owed) reason = 'owed';
    else if (share >= this.settings.minChangedShare) reason = 'motion';
    else if (tracking && since >= this.settings.stationarySeconds * 1000) reason = 'tracking';
    else if (since >= this.settings.idleSeconds * 1000 || since < 0) reason = 'idle';
    const run = reason !== 'still';
    if (run) {
      this.reference = frame;
      this.lastRunAt = at;
      this.owed = false;
    }
    return { run, reason, share };
  }
}
