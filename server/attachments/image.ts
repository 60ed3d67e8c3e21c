// Turns an uploaded file into a stored image: the type is sniffed from the bytes (never from the name or
// the declared type), the image is decoded and re-encoded without its metadata (EXIF, GPS) after applying
// its orientation, and a thumbnail is made.
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { DomainError } from '../errors';

export const IMAGE_TYPES = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
export type ImageMime = keyof typeof IMAGE_TYPES;

export interface ProcessedImage {
  mime: ImageMime;
  extension: string;
  data: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

const MAX_PIXELS = 40_000_000;
const THUMB_WIDTH = 320;

export async function processImage(upload: Buffer): Promise<ProcessedImage> {
  const sniffed = await fileTypeFromBuffer(upload);
  if (!sniffed || !(sniffed.mime in IMAGE_TYPES)) {
    throw new DomainError('unsupported_media_type', 'not_an_image', 'Only JPEG, PNG and WebP images are accepted', {
      detected: sniffed?.mime ?? 'unknown',
    });
  }
  const mime = sniffed.mime as ImageMime;
  try {
    const base = sharp(upload, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    const encoded =
      mime === 'image/png'
        ? base.png({ compressionLevel: 8 })
        : mime === 'image/webp'
          ? base.webp({ quality: 85 })
          : base.jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data).resize({ width: THUMB_WIDTH, withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    return { mime, extension: IMAGE_TYPES[mime], data, thumbnail, width: info.width, height: info.height };
  } catch (error) {
    throw new DomainError('invalid_input', 'bad_image', 'The image could not be read', { reason: (error as Error).message });
  }
}

/** An original file name is kept only for display; one that looks like a path is refused outright. */
export function checkFileName(name: string | undefined): string | null {
  if (name === undefined || name === '') return null;
  // eslint-disable-next-line no-control-regex
  if (name.length > 200 || /[/\\\u0000-\u001f]/.test(name) || name.split('.').every((part) => part === '') || name.includes('..')) {
    throw new DomainError('invalid_input', 'bad_file_name', 'The file name must be a plain name, not a path');
  }
  return name;
}
