// A camera's one health status, from two sources: the pipeline (online, offline, frozen) and the picture
// (covered, blurred). The pipeline decides first; a picture fault counts only while frames flow. A picture
// verdict changes only when two consecutive samples agree, so one odd frame (a cook leaning into the lens)
// does not flap the status; the very first sample decides at once, so a camera that starts covered is never
// reported online first.
import type { PipelineStatus } from './camera-pipeline';
import type { PictureMeasure, PictureVerdict } from './picture-health';
import type { CameraHealth } from './protocol';

const SAMPLES_TO_CHANGE = 2;

export interface HealthChange {
  status: CameraHealth;
  reason: string;
  measure: PictureMeasure | null;
}

export class CameraHealthTracker {
  private pipeline: PipelineStatus | null = null;
  private pipelineReason = '';
  private picture: PictureVerdict | null = null;
  private candidate: { verdict: PictureVerdict; samples: number } | null = null;
  private lastMeasure: PictureMeasure | null = null;
  /** While frames flow but no picture was judged yet, the status waits this long for one, then says online. */
  private waitingSince: number | null = null;
  private reported: CameraHealth | null = null;

  constructor(
    private readonly onChange: (change: HealthChange) => void,
    private readonly pictureWaitMs = 3_000,
  ) {}

  get status(): CameraHealth | null {
    return this.reported;
  }

  get measure(): PictureMeasure | null {
    return this.lastMeasure;
  }

  /** Whether a picture sample is wanted now (frames flow and none was judged yet). */
  get wantsFirstPicture(): boolean {
    return this.pipeline === 'online' && this.picture === null;
  }

  setPipeline(status: PipelineStatus, reason: string): void {
    this.pipeline = status;
    this.pipelineReason = reason;
    this.waitingSince = status === 'online' && this.picture === null ? Date.now() : null;
    this.publish();
  }

  addPicture(verdict: PictureVerdict, measure: PictureMeasure): void {
    this.lastMeasure = measure;
    if (this.picture === null || verdict === this.picture) {
      this.picture = verdict;
      this.candidate = null;
    } else {
      this.candidate = this.candidate?.verdict === verdict ? { verdict, samples: this.candidate.samples + 1 } : { verdict, samples: 1 };
      if (this.candidate.samples >= SAMPLES_TO_CHANGE) {
        this.picture = verdict;
        this.candidate = null;
      }
    }
    this.publish();
  }

  /** Called periodically: ends the wait for a first picture. */
  tick(now = Date.now()): void {
    if (this.waitingSince !== null && now - this.waitingSince >= this.pictureWaitMs) {
      this.waitingSince = null;
      this.publish();
    }
  }

  private current(): { status: CameraHealth; reason: string } | null {
    if (this.pipeline === null) return null;
    if (this.pipeline !== 'online') return { status: this.pipeline, reason: this.pipelineReason };
    if (this.picture === null) return this.waitingSince === null ? { status: 'online', reason: 'frames arriving' } : null;
    if (this.picture === 'covered') return { status: 'covered', reason: 'the picture is dark or uniform' };
    if (this.picture === 'blurred') return { status: 'blurred', reason: 'the picture is not sharp' };
    return { status: 'online', reason: 'frames arriving, picture clear' };
  }

  private publish(): void {
    const current = this.current();
    if (!current || current.status === this.reported) return;
    this.reported = current.status;
    this.onChange({ ...current, measure: this.lastMeasure });
  }
}
