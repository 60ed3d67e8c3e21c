// Gets a phone photo ready for upload. The server takes JPEG, PNG and WebP up to UPLOAD_MAX_MB (10 MB by
// default) and sniffs the bytes; a phone's camera easily makes 5–12 MB, so large photos (and images of
// other types the browser can decode, such as HEIC on some phones) are redrawn on a canvas at most 2048
// pixels on the long edge as JPEG. That also drops their EXIF (GPS) before anything leaves the phone.
// Anything that is not an image is refused here, before it is sent.

export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Photos larger than this are shrunk before upload. */
export const SHRINK_ABOVE_BYTES = 1_500_000;
export const MAX_EDGE = 2048;
const JPEG_QUALITY = 0.85;

export type RefusalReason = 'notImage' | 'unreadable';

export class PhotoRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(reason);
    this.name = 'PhotoRefused';
  }
}

export interface PreparedPhoto {
  blob: Blob;
  fileName: string;
}

const IMAGE_NAME = /\.(jpe?g|png|webp|heic|heif|gif|bmp|avif)$/i;

export function looksLikeImage(file: File): boolean {
  // Some phones hand over camera files without a type; then the name decides.
  return file.type ? file.type.startsWith('image/') : IMAGE_NAME.test(file.name);
}

async function redraw(file: File): Promise<Blob | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  const scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob), 'image/jpeg', JPEG_QUALITY));
}

const asJpegName = (name: string) => `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;

export async function preparePhoto(file: File): Promise<PreparedPhoto> {
  if (!looksLikeImage(file)) throw new PhotoRefused('notImage');
  const accepted = (ACCEPTED_TYPES as readonly string[]).includes(file.type);
  if (accepted && file.size <= SHRINK_ABOVE_BYTES) return { blob: file, fileName: file.name };
  const redrawn = await redraw(file);
  if (redrawn) return { blob: redrawn, fileName: asJpegName(file.name) };
  // The browser could not decode it: a type the server takes goes as it is (the server has the last word).
  if (accepted) return { blob: file, fileName: file.name };
  throw new PhotoRefused('unreadable');
}
