// The evidence-clip job: enrols alerts on cameras, then cuts the due clips it claims from the camera's
// recording at its relay. It needs no hook in the alert commands and survives restarts: a clip is a row, a
// crash leaves it claimed until its lease runs out, and the file is written under the alert's own key, so a
// second attempt replaces a half-done one instead of adding to it.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { DomainContext } from '../../context';
import { DomainError } from '../../errors';
import { relaySigningKey } from '../../relays/signing-key';
import { fetchRecordings, openPlayback } from '../../cameras/video/relay-client';
import type { RelayDirectory } from '../../cameras/video/relay-directory';
import { cutClip } from './cut-clip';
import { claimDueClips, clipUsage, enrolAlerts, finishClip, type ClaimedClip, type ClipOutcome } from './queries';

const CLIPS_PER_CLAIM = 4;
/** A run keeps claiming while it has spent less than this (a backlog of clips with no recording goes fast). */
const RUN_BUDGET_MS = 8_000;
/** Longer than a cut can take (a download of a few segments and one ffmpeg with its own timeout). */
const LEASE_MS = 5 * 60_000;
const MAX_TRIES = 8;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** While the clips fill their budget, nothing is cut and waiting clips are looked at again this often. */
const BUDGET_RETRY_MS = 60 * 60_000;
const SUBJECT = 'alert-clips';

export const clipStorageKey = (alertId: string) => `clips/${alertId.toLowerCase()}.mp4`;

export async function runClipJob(ctx: DomainContext, directory: RelayDirectory): Promise<{ enrolled: number; cut: number }> {
  const enrolled = await enrolAlerts(ctx);
  let cut = 0;
  const started = Date.now();
  while (Date.now() - started < RUN_BUDGET_MS) {
    const claimed = await claimDueClips(ctx, CLIPS_PER_CLAIM, LEASE_MS);
    if (claimed.length === 0) break;
    for (const clip of claimed) {
      const outcome = await cutOne(ctx, directory, clip).catch((error: unknown) => retryOrFail(ctx, clip, describe(error)));
      if ((await finishClip(ctx, clip, outcome)) && outcome.status === 'ready') cut += 1;
      if (outcome.status === 'failed') ctx.log.warn({ alert: clip.alert_id, error: outcome.error }, 'evidence clip failed');
    }
  }
  return { enrolled, cut };
}

async function cutOne(ctx: DomainContext, directory: RelayDirectory, clip: ClaimedClip): Promise<ClipOutcome> {
  const usage = await clipUsage(ctx.db);
  if (usage.bytes >= ctx.config.clipsMaxBytes) {
    // The evidence kept is never deleted to make room: new clips wait (their recording may expire meanwhile).
    return { status: 'pending', error: 'storage_budget_reached', retryAt: new Date(ctx.now().getTime() + BUDGET_RETRY_MS) };
  }
  const camera = clip.camera_id ? await directory.camera(clip.camera_id) : undefined;
  if (!camera?.ingest) return { status: 'unavailable', error: 'camera_not_recorded' };
  const relay = await directory.relayOf(camera);
  const key = relaySigningKey(ctx.signingSecret);
  const window = { from: clip.window_from, to: clip.window_to };
  const segments = await fetchRecordings(relay, key, camera.id, window, SUBJECT);
  const first = segments[0];
  if (!first) return { status: 'unavailable', error: 'no_recording' };

  const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'cc-clip-'));
  try {
    const source = path.join(workDirectory, 'range.ts');
    const target = path.join(workDirectory, 'clip.mp4');
    const upstream = await openPlayback(relay, key, camera.id, window, SUBJECT, undefined);
    if (upstream.status === 404 || !upstream.body) return { status: 'unavailable', error: 'no_recording' };
    if (!upstream.ok) return retryOrFail(ctx, clip, `relay answered ${upstream.status}`);
    await pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), createWriteStream(source));
    const result = await cutClip({
      source,
      sourceStartMs: Date.parse(first.start),
      fromMs: window.from.getTime(),
      toMs: window.to.getTime(),
      target,
      ffmpeg: ctx.config.ffmpegPath,
    });
    if (!result) return { status: 'unavailable', error: 'no_recording' };
    const data = await readFile(target);
    const storageKey = clipStorageKey(clip.alert_id);
    await ctx.storage.put(storageKey, data);
    return { status: 'ready', storageKey, bytes: data.length, seconds: Math.round(result.seconds * 10) / 10 };
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }
}

/** Another try later, doubling the wait, until the tries are spent. */
function retryOrFail(ctx: DomainContext, clip: ClaimedClip, error: string): ClipOutcome {
  if (clip.tries >= MAX_TRIES) return { status: 'failed', error };
  const wait = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (clip.tries - 1));
  return { status: 'pending', error, retryAt: new Date(ctx.now().getTime() + wait) };
}

const describe = (error: unknown) =>
  (error instanceof DomainError ? error.code : error instanceof Error ? error.message : String(error)).slice(0, 500);
