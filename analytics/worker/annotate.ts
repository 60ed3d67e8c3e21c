// The annotated snapshot of a violation: the frame with each box drawn and tagged with what it is and how sure
// the detector was, and a caption naming the category and the time, all in Chinese. The boxes are an SVG
// overlay; the text is drawn by sharp (Pango) with the Noto Sans SC font the repository ships, because a worker
// host may have no CJK font at all and librsvg would then draw every Chinese character as an empty box.
import sharp, { type CreateText, type OverlayOptions } from 'sharp';
import { CHINESE_FONT } from '../../server/reports/fonts';
import { labelNameZh } from '../models/label-names';
import type { FiringBox } from '../rules/engine';

export interface AnnotateOptions {
  /** The category's Chinese name, shown bottom left, e.g. "猫狗出没". */
  readonly caption: string;
  /** When the frame was captured (shown in Asia/Shanghai time). */
  readonly at: number;
}

/** The family name inside CHINESE_FONT.regular, which Pango must be asked for by name once given the file. */
const FONT_FAMILY = 'Noto Sans S Chinese';

const COLOURS: Record<string, string> = { person: '#ff3b30', 'cell phone': '#ffcc00', dog: '#ff9500', cat: '#ff9500' };
const DEFAULT_COLOUR = '#ff2d55';

const escapeMarkup = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** Asia/Shanghai wall-clock time of an instant, 'YYYY-MM-DD HH:MM:SS'. */
export function shanghaiStamp(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The words drawn on the frame: one tag per box (its label's Chinese name and score) and the caption. */
export function annotationTexts(boxes: readonly FiringBox[], options: AnnotateOptions): { tags: string[]; caption: string } {
  return {
    tags: boxes.map(({ label, score }) => `${labelNameZh(label)} ${score.toFixed(2)}`),
    caption: `${options.caption}  ${shanghaiStamp(options.at)} +08:00`,
  };
}

/** What sharp is given to draw one line of text with the bundled font (its size in pixels: 72 dpi). */
export function textInput(text: string, size: number, colour: string): CreateText {
  return {
    text: `<span foreground="${colour}">${escapeMarkup(text)}</span>`,
    font: `${FONT_FAMILY} ${size}`,
    fontfile: CHINESE_FONT.regular,
    dpi: 72,
    rgba: true,
  };
}

interface DrawnText {
  readonly png: Buffer;
  readonly width: number;
  readonly height: number;
}

/** One line of text as a transparent PNG, cut to fit the room it has on the frame. */
async function drawText(text: string, size: number, colour: string, room: { width: number; height: number }): Promise<DrawnText> {
  const { data, info } = await sharp({ text: textInput(text, size, colour) })
    .png()
    .toBuffer({ resolveWithObject: true });
  const width = Math.min(info.width, room.width);
  const height = Math.min(info.height, room.height);
  if (width === info.width && height === info.height) return { png: data, width, height };
  const png = await sharp(data).extract({ left: 0, top: 0, width, height }).png().toBuffer();
  return { png, width, height };
}

/** The frame (JPEG) with the boxes drawn, as a JPEG of the same size. */
export async function annotateFrame(jpeg: Uint8Array, boxes: readonly FiringBox[], options: AnnotateOptions): Promise<Buffer> {
  const image = sharp(jpeg, { failOn: 'error' });
  const { width, height } = await image.metadata();
  if (!width || !height) throw new Error('the frame has no size');
  const stroke = Math.max(2, Math.round(Math.min(width, height) / 180));
  const size = Math.max(12, Math.round(height / 36));
  const pad = Math.round(size * 0.3);
  const texts = annotationTexts(boxes, options);
  const shapes: string[] = [];
  const overlays: OverlayOptions[] = [];

  for (const [index, { label, box }] of boxes.entries()) {
    const colour = COLOURS[label] ?? DEFAULT_COLOUR;
    const [x1, x2] = [box[0], box[2]].map((x) => Math.min(Math.max(Math.round(x), 0), width)) as [number, number];
    const [y1, y2] = [box[1], box[3]].map((y) => Math.min(Math.max(Math.round(y), 0), height)) as [number, number];
    const text = await drawText(texts.tags[index]!, size, '#000000', {
      width: Math.max(1, width - 2 * pad),
      height: Math.max(1, height - 2 * pad),
    });
    const [tagWidth, tagHeight] = [text.width + 2 * pad, text.height + 2 * pad];
    // Above the box when there is room, else inside its top; never off the frame.
    const tagLeft = Math.max(0, Math.min(x1, width - tagWidth));
    const tagTop = Math.max(0, Math.min(y1 - tagHeight >= 0 ? y1 - tagHeight : y1, height - tagHeight));
    shapes.push(
      `<rect x="${x1}" y="${y1}" width="${Math.max(1, x2 - x1)}" height="${Math.max(1, y2 - y1)}" fill="none" stroke="${colour}" stroke-width="${stroke}"/>`,
      `<rect x="${tagLeft}" y="${tagTop}" width="${tagWidth}" height="${tagHeight}" fill="${colour}"/>`,
    );
    overlays.push({ input: text.png, left: tagLeft + pad, top: tagTop + pad });
  }

  const caption = await drawText(texts.caption, size, '#ffffff', {
    width: Math.max(1, width - 2 * pad),
    height: Math.max(1, height - 2 * pad),
  });
  const captionHeight = caption.height + 2 * pad;
  shapes.push(
    `<rect x="0" y="${height - captionHeight}" width="${caption.width + 2 * pad}" height="${captionHeight}" fill="#000" fill-opacity="0.6"/>`,
  );
  overlays.push({ input: caption.png, left: pad, top: height - captionHeight + pad });

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join('')}</svg>`;
  return image
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }, ...overlays])
    .jpeg({ quality: 85 })
    .toBuffer();
}
