// Cuts ffmpeg's image2pipe MJPEG output into whole JPEG files. ffmpeg's encoder writes no embedded
// thumbnails, and inside the entropy-coded data every 0xFF is followed by 0x00 or a restart marker, so the
// first end-of-image marker (FF D9) after a start-of-image (FF D8) ends the picture.
const START_OF_IMAGE = Buffer.from([0xff, 0xd8]);
const END_OF_IMAGE = Buffer.from([0xff, 0xd9]);

export class JpegSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  /** @param maxImageBytes a picture larger than this is garbage: dropped, so memory stays bounded. */
  constructor(private readonly maxImageBytes = 16 << 20) {}

  /** The JPEG files completed by this chunk. */
  push(chunk: Buffer): Buffer[] {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    let data = this.pending.length === 1 ? chunk : Buffer.concat(this.pending, this.pendingBytes);
    const images: Buffer[] = [];
    for (;;) {
      const start = data.indexOf(START_OF_IMAGE);
      if (start < 0) {
        data = Buffer.alloc(0);
        break;
      }
      const end = data.indexOf(END_OF_IMAGE, start + 2);
      if (end < 0) {
        data = data.subarray(start);
        break;
      }
      images.push(Buffer.from(data.subarray(start, end + 2)));
      data = data.subarray(end + 2);
    }
    if (data.length > this.maxImageBytes) data = Buffer.alloc(0);
    this.pending = data.length > 0 ? [data] : [];
    this.pendingBytes = data.length;
    return images;
  }
}
