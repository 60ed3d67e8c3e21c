import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSipPassword } from './demo-sip-password';

describe('the demo SIP password', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-sip-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is made once per data directory, kept for the next start, readable by its owner only', () => {
    const dir = dataDir();
    const first = demoSipPassword(dir);
    expect(first).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(demoSipPassword(dir)).toBe(first);
    expect(fs.statSync(path.join(dir, 'sip-password')).mode & 0o777).toBe(0o600);
    expect(demoSipPassword(dataDir())).not.toBe(first);
  });

  it('is made afresh when the kept one is unusable', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, 'sip-password'), 'two words\n');
    expect(demoSipPassword(dir)).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});
