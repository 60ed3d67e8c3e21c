// The feedback data set: confirmed and dismissed AI alerts in scope, as images with their boxes, for training a
// better detector. Confirmed alerts give positives (their boxes, as the detector drew them and a person
// confirmed the violation); dismissed alerts give negatives (the image with no objects) and hard examples (what
// the detector wrongly saw, with the dismiss reason). Each alert contributes the raw frames its worker kept
// (up to MAX_FRAMES_PER_ALERT, spread over its repeats); an alert without kept frames contributes its snapshot,
// marked `alert_snapshot`, since that may carry drawn boxes.
//
// COCO: images/…, annotations.json (images, annotations, categories, plus `hard_negatives`).
// YOLO: images/…, labels/….txt (one `class cx cy w h` line a box, normalised; empty for a negative),
//       hard_negatives/….txt (the wrong boxes of dismissed alerts, same format), data.yaml, manifest.csv.
import type { DomainContext } from '../../context';
import { listDatasetAlerts, listDatasetFrames, type DatasetAlertRow } from '../queries';
import type { ZipWriter } from './zip';

export const MAX_FRAMES_PER_ALERT = 12;

export interface DatasetRequest {
  scopePath: string;
  format: 'coco' | 'yolo';
  from: Date;
  to: Date;
  category?: string | undefined;
  limit: number;
}

export interface DatasetSummary {
  alerts: number;
  images: number;
  positives: number;
  negatives: number;
  boxes: number;
  truncated: boolean;
  missingFiles: number;
}

interface Box {
  label: string;
  score: number;
  box: [number, number, number, number];
}

interface ImageItem {
  file: string;
  attachmentId: string;
  width: number;
  height: number;
  alert: DatasetAlertRow;
  capturedAt: Date;
  source: 'raw_frame' | 'alert_snapshot';
  boxes: Box[];
}

interface AttachmentRow {
  id: string;
  storage_key: string;
  mime: string;
  width: number;
  height: number;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Up to `count` items spread evenly over the list, first and last included. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  if (count <= 1) return items.slice(-1);
  return Array.from({ length: count }, (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!);
}

const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

async function readAll(ctx: DomainContext, key: string): Promise<Buffer | undefined> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.storage.open(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch {
    return undefined;
  }
}

const clampBox = (box: [number, number, number, number], width: number, height: number): [number, number, number, number] => [
  Math.max(0, Math.min(width, box[0])),
  Math.max(0, Math.min(height, box[1])),
  Math.max(0, Math.min(width, box[2])),
  Math.max(0, Math.min(height, box[3])),
];

const csvField = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export async function exportDataset(ctx: DomainContext, request: DatasetRequest, zip: ZipWriter): Promise<DatasetSummary> {
  const found = await listDatasetAlerts(ctx.db, request.scopePath, request, request.limit + 1);
  const alerts = found.slice(0, request.limit);
  const frames = await listDatasetFrames(
    ctx.db,
    alerts.map((alert) => alert.id),
  );
  const framesByAlert = new Map<string, typeof frames>();
  for (const frame of frames) framesByAlert.set(frame.alert_id, [...(framesByAlert.get(frame.alert_id) ?? []), frame]);

  // Which images each alert gives.
  const planned: Array<Omit<ImageItem, 'file' | 'width' | 'height'> & { width?: number; height?: number }> = [];
  for (const alert of alerts) {
    const kept = framesByAlert.get(alert.id) ?? [];
    if (kept.length > 0) {
      for (const frame of spread(kept, MAX_FRAMES_PER_ALERT)) {
        planned.push({
          attachmentId: frame.attachment_id,
          width: frame.width,
          height: frame.height,
          alert,
          capturedAt: new Date(frame.captured_at),
          source: 'raw_frame',
          boxes: parseJson<Box[]>(frame.boxes).map(({ label, score, box }) => ({ label, score, box })),
        });
      }
    } else if (alert.snapshot_id) {
      planned.push({
        attachmentId: alert.snapshot_id,
        alert,
        capturedAt: new Date(alert.last_seen_at),
        source: 'alert_snapshot',
        boxes: parseJson<Box[] | null>(alert.boxes) ?? [],
      });
    }
  }
  const attachmentIds = [...new Set(planned.map((item) => item.attachmentId))];
  const attachments = new Map<string, AttachmentRow>();
  for (let i = 0; i < attachmentIds.length; i += 1000) {
    const rows = (await ctx
      .db('attachments')
      .whereIn('id', attachmentIds.slice(i, i + 1000))
      .select('id', 'storage_key', 'mime', 'width', 'height')) as AttachmentRow[];
    for (const row of rows) attachments.set(row.id, row);
  }

  // Images first, streamed as they are read; the label files after, once every image is known.
  const images: ImageItem[] = [];
  let missingFiles = 0;
  const counters = new Map<string, number>();
  for (const item of planned) {
    const attachment = attachments.get(item.attachmentId);
    const data = attachment ? await readAll(ctx, attachment.storage_key) : undefined;
    if (!attachment || !data) {
      missingFiles += 1;
      continue;
    }
    const n = (counters.get(item.alert.id) ?? 0) + 1;
    counters.set(item.alert.id, n);
    const file = `${item.alert.id}_${String(n).padStart(2, '0')}.${EXTENSIONS[attachment.mime] ?? 'jpg'}`;
    await zip.add(`images/${file}`, data, { modified: item.capturedAt });
    images.push({ ...item, file, width: item.width ?? attachment.width, height: item.height ?? attachment.height });
  }

  const positives = images.filter((image) => image.alert.status === 'confirmed');
  const labels = [...new Set(positives.flatMap((image) => image.boxes.map((box) => box.label)))].sort();
  const classOf = new Map(labels.map((label, index) => [label, index]));
  const generated = new Date();
  const info = {
    description: 'Canteen Command AI alert feedback: confirmed alerts as positives, dismissed alerts as negatives and hard examples',
    date_created: generated.toISOString(),
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    scope: request.scopePath,
    alerts: alerts.length,
    truncated: found.length > request.limit,
  };
  let boxes = 0;
  if (request.format === 'coco') {
    const annotations: unknown[] = [];
    const hardNegatives: unknown[] = [];
    const cocoImages = images.map((image, index) => {
      const id = index + 1;
      for (const box of image.boxes) {
        const [x1, y1, x2, y2] = clampBox(box.box, image.width, image.height);
        const entry = { image_id: id, bbox: [x1, y1, x2 - x1, y2 - y1], area: (x2 - x1) * (y2 - y1), score: box.score };
        if (image.alert.status === 'confirmed') {
          annotations.push({ id: annotations.length + 1, category_id: classOf.get(box.label)! + 1, iscrowd: 0, ...entry });
          boxes += 1;
        } else hardNegatives.push({ label: box.label, dismiss_reason: image.alert.dismiss_reason, ...entry });
      }
      return {
        id,
        file_name: `images/${image.file}`,
        width: image.width,
        height: image.height,
        date_captured: image.capturedAt.toISOString(),
        alert_id: image.alert.id,
        camera_id: image.alert.camera_id,
        violation: image.alert.category,
        status: image.alert.status,
        negative: image.alert.status === 'dismissed',
        dismiss_reason: image.alert.dismiss_reason,
        source: image.source,
      };
    });
    const document = {
      info,
      licenses: [],
      images: cocoImages,
      annotations,
      categories: labels.map((label, index) => ({ id: index + 1, name: label, supercategory: 'object' })),
      hard_negatives: hardNegatives,
    };
    await zip.add('annotations.json', Buffer.from(JSON.stringify(document, null, 1)), { compress: true, modified: generated });
  } else {
    const line = (box: Box, image: ImageItem) => {
      const [x1, y1, x2, y2] = clampBox(box.box, image.width, image.height);
      const cx = (x1 + x2) / 2 / image.width;
      const cy = (y1 + y2) / 2 / image.height;
      return [cx, cy, (x2 - x1) / image.width, (y2 - y1) / image.height].map((value) => value.toFixed(6)).join(' ');
    };
    for (const image of images) {
      const stem = image.file.replace(/\.[a-z]+$/, '');
      if (image.alert.status === 'confirmed') {
        const lines = image.boxes.map((box) => `${classOf.get(box.label)} ${line(box, image)}`);
        boxes += lines.length;
        await zip.add(`labels/${stem}.txt`, Buffer.from(lines.map((text) => `${text}\n`).join('')), {
          compress: true,
          modified: generated,
        });
      } else {
        // An empty label file: a background image, the YOLO way of a negative.
        await zip.add(`labels/${stem}.txt`, Buffer.alloc(0), { modified: generated });
        const wrong = image.boxes.map((box) => `${box.label.replace(/\s+/g, '_')} ${line(box, image)} ${box.score.toFixed(3)}`);
        await zip.add(`hard_negatives/${stem}.txt`, Buffer.from(wrong.map((text) => `${text}\n`).join('')), {
          compress: true,
          modified: generated,
        });
      }
    }
    const yaml = [
      '# Canteen Command AI alert feedback (YOLO). Background images (dismissed alerts) have empty label files.',
      'path: .',
      'train: images',
      'val: images',
      `nc: ${labels.length}`,
      `names: [${labels.map((label) => JSON.stringify(label)).join(', ')}]`,
      '',
    ].join('\n');
    await zip.add('data.yaml', Buffer.from(yaml), { compress: true, modified: generated });
  }
  const manifest = [
    'image,alert_id,camera_id,violation,status,dismiss_reason,captured_at,source,boxes',
    ...images.map((image) =>
      [
        `images/${image.file}`,
        image.alert.id,
        image.alert.camera_id,
        image.alert.category,
        image.alert.status,
        image.alert.dismiss_reason,
        image.capturedAt.toISOString(),
        image.source,
        image.boxes.length,
      ]
        .map(csvField)
        .join(','),
    ),
    '',
  ].join('\n');
  await zip.add('manifest.csv', Buffer.from(manifest), { compress: true, modified: generated });
  return {
    alerts: alerts.length,
    images: images.length,
    positives: positives.length,
    negatives: images.length - positives.length,
    boxes,
    truncated: info.truncated,
    missingFiles,
  };
}
