// Images for upload tests, made with sharp: a JPEG carrying EXIF (with GPS) so stripping can be checked.
import sharp from 'sharp';

export async function jpegWithExif(width = 96, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExifMerge({ IFD0: { Copyright: 'secret-owner', Artist: 'camera-7' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 25/1 0/1' } })
    .toBuffer();
}

export async function pngImage(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } })
    .png()
    .toBuffer();
}

export async function upload(
  baseUrl: string,
  token: string,
  data: Buffer | Uint8Array,
  options: { name?: string; type?: string; node?: string; purpose?: string } = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: options.type ?? 'image/jpeg' }), options.name ?? 'photo.jpg');
  const query = new URLSearchParams();
  if (options.node) query.set('node', options.node);
  if (options.purpose) query.set('purpose', options.purpose);
  const response = await fetch(`${baseUrl}/api/attachments?${query.toString()}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
