// What muxPs writes is a program stream a real demuxer reads: ffmpeg's (-f mpeg) finds the stream's codec
// from our map and decodes every frame of a clip.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureClips, ensureH265Clips } from '../../fixtures/media/clips';
import { ffmpegPath } from '../../stream-relay/ffmpeg';
import { splitAccessUnits } from './annexb';
import type { VideoCodec } from './es-frame';
import { muxPs } from './ps-mux';

const CACHE = path.join(os.tmpdir(), 'canteen-command-clips');

function ffmpegReadsProgramStream(ps: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', '-f', 'mpeg', '-i', 'pipe:0', '-map', '0:v', '-f', 'framemd5', 'pipe:1'];
    const child = spawn(ffmpegPath(), args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(`${stderr}\n${stdout}`) : reject(new Error(stderr))));
    child.stdin.end(ps);
  });
}

describe('muxPs', () => {
  for (const codec of ['h264', 'h265'] as const satisfies VideoCodec[]) {
    it(`writes ${codec} that ffmpeg's program stream demuxer reads and decodes, every frame`, async () => {
      const clip = codec === 'h264' ? (await ensureClips(CACHE)).pattern : (await ensureH265Clips(CACHE)).hevc;
      const units = splitAccessUnits(codec, await readFile(clip));
      expect(units).toHaveLength(250);
      expect(units.filter((unit) => unit.keyframe)).toHaveLength(10);
      const ps = Buffer.concat(units.map((unit, index) => muxPs({ codec, ...unit, pts: 90_000 + index * 3600 })));
      const output = await ffmpegReadsProgramStream(ps);
      expect(output).toMatch(codec === 'h264' ? /Video: h264/ : /Video: hevc/);
      expect(output).toMatch(/1280x720/);
      expect(output.split('\n').filter((line) => /^0,/.test(line))).toHaveLength(250);
    });
  }
});
