import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { concatenatedStream, parseByteRange, wholePackets } from './playback';

describe('byte ranges', () => {
  it.each([
    [undefined, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=5-4', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
  ])('%s of 1000 bytes → %j', (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });

  it('keeps whole TS packets only', () => {
    expect(wholePackets(188 * 3 + 100)).toBe(188 * 3);
  });

  it('streams a range across files', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'relay-playback-'));
    try {
      const files = ['abcde', 'fghij', 'klmno'].map((content, index) => ({ file: path.join(directory, `${index}.ts`), content }));
      for (const { file, content } of files) await writeFile(file, content);
      const parts = files.map(({ file }) => ({ file, bytes: 5 }));
      expect(await text(concatenatedStream(parts, { start: 3, end: 11 }))).toBe('defghijkl');
      expect(await text(concatenatedStream(parts, { start: 0, end: 14 }))).toBe('abcdefghijklmno');
      // A part counted short (the newest segment, still growing) is read only as far as counted.
      expect(await text(concatenatedStream([{ file: files[0]!.file, bytes: 2 }, parts[1]!], { start: 0, end: 6 }))).toBe('abfghij');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
