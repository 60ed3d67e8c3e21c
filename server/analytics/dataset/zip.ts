// A minimal streaming ZIP writer (no package here writes ZIP, and none may be added): each entry is written as
// it is added, its local header carrying the CRC-32 and sizes (the entry is in memory: an image or a text
// file), the central directory at the end. Images are stored, text is deflated. Plain ZIP, no ZIP64: at most
// 65,535 entries and 4 GiB, which the data set export stays well within (it caps what it writes).
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

interface CentralEntry {
  name: Buffer;
  crc: number;
  method: number;
  compressedSize: number;
  size: number;
  time: number;
  date: number;
  offset: number;
}

function dosDateTime(at: Date): { time: number; date: number } {
  const year = Math.max(1980, at.getUTCFullYear());
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}

export class ZipWriter {
  private readonly entries: CentralEntry[] = [];
  private offset = 0;
  private finished = false;

  /** `write` sends bytes on (and waits while the reader is slow). */
  constructor(private readonly write: (chunk: Buffer) => Promise<void>) {}

  get count(): number {
    return this.entries.length;
  }

  private async emit(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    await this.write(chunk);
  }

  /** Adds one file; `compress` deflates it (for text; images are already compressed). */
  async add(name: string, data: Buffer, options: { compress?: boolean; modified?: Date } = {}): Promise<void> {
    if (this.finished) throw new Error('the archive is finished');
    if (this.entries.length >= MAX_ENTRIES) throw new Error('too many entries for a ZIP without ZIP64');
    const nameBytes = Buffer.from(name, 'utf8');
    const body = options.compress ? deflateRawSync(data) : data;
    const method = options.compress ? 8 : 0;
    if (this.offset + 30 + nameBytes.length + body.length > MAX_OFFSET) throw new Error('the archive would exceed 4 GiB');
    const { time, date } = dosDateTime(options.modified ?? new Date());
    const crc = crc32(data) >>> 0;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    const offset = this.offset;
    await this.emit(Buffer.concat([header, nameBytes]));
    await this.emit(body);
    this.entries.push({ name: nameBytes, crc, method, compressedSize: body.length, size: data.length, time, date, offset });
  }

  /** Writes the central directory; nothing may be added after. */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4); // made by: 2.0
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(entry.method, 10);
      header.writeUInt16LE(entry.time, 12);
      header.writeUInt16LE(entry.date, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressedSize, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      header.writeUInt32LE(entry.offset, 42);
      parts.push(header, entry.name);
    }
    const directory = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(Buffer.concat([directory, end]));
  }
}

/** Reads a ZIP written by ZipWriter (stored or deflated entries): name → bytes. For tests and tools. */
export function readZip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const entries = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i += 1) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const raw = archive.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (crc32(data) >>> 0 !== crc) throw new Error(`CRC mismatch in ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
