// One word for one thing, and Chinese punctuation in Chinese text, across everything a user reads: the
// renderer's string tables, the server's and the analytics' texts (alert, task and warning messages,
// bulletins, seeds) and the READMEs that name the screens' words.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The word we use, and the words for the same thing that must not appear beside it. */
const ONE_WORD: ReadonlyArray<{ use: string; not: readonly string[]; except?: readonly string[] }> = [
  // 设备报警 is the GB/T 28181 name of a device's own alarm (what the NVR itself calls it): the category of the
  // alert it raises. Our alerts stay 预警.
  { use: '预警', not: ['告警', '报警'], except: ['设备报警'] },
  { use: '摄像头', not: ['摄像机'] },
  { use: '区县', not: ['县区'] },
  { use: '下发', not: ['派发'] },
  { use: '未评级', not: ['暂未评级', '尚未评级'] },
];

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((file) => path.join(dir, file))
    .filter((file) => !/(^|\/)(node_modules|dist)\//.test(file) && keep(file));
}

const source = (file: string) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file);
const USER_TEXT = [
  ...filesUnder('desktop/renderer/src', (file) => file.endsWith('/strings.ts') || (file.includes('/i18n/') && source(file))),
  ...filesUnder('server', source),
  ...filesUnder('analytics', source),
  ...filesUnder('fixtures', source),
  'README.md',
  ...filesUnder('server', (file) => file.endsWith('README.md')),
  ...filesUnder('analytics', (file) => file.endsWith('README.md')),
];

const QUOTED_CHINESE = /["'][^"'\n]*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef][^"'\n]*["']/u;
const DOUBLE_QUOTED_CHINESE = /"[^"\n]*[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef][^"\n]*"/u;
const LITERAL = /'((?:[^'\\\n]|\\.)*)'|"(?:[^"\\\n]|\\.)*"|`((?:[^`\\]|\\.)*)`/g;

/**
 * Chinese put in straight quotes inside the string literals of a source file. Comment lines are left out (an
 * English comment may quote a Chinese word "like this"), and so are double-quoted literals (prettier writes
 * them only around a single quote, as in SQL) and a template's single quotes (its ${…} code has them).
 */
function straightQuotedChinese(file: string): string[] {
  const code = readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\/\/|\/\*|\*)/.test(line))
    .join('\n');
  return [...code.matchAll(LITERAL)]
    .filter(([, single, template]) =>
      single !== undefined
        ? QUOTED_CHINESE.test(single.replace(/\\'/g, "'"))
        : template !== undefined && DOUBLE_QUOTED_CHINESE.test(template),
    )
    .map(([literal]) => `${file}: ${literal}`);
}

describe('the words users read', () => {
  it('scans the renderer string tables, the server and the analytics texts', () => {
    expect(USER_TEXT).toEqual(
      expect.arrayContaining(['desktop/renderer/src/pages/desk/strings.ts', 'desktop/renderer/src/i18n/common.ts']),
    );
    expect(USER_TEXT.filter((file) => file.startsWith('server/')).length).toBeGreaterThan(100);
  });

  it('uses one word for one thing: 预警 never 告警, 摄像头, 区县, 下发', () => {
    const found: string[] = [];
    for (const file of USER_TEXT) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const { use, not, except = [] } of ONE_WORD) {
        const checked = except.reduce((rest, allowed) => rest.replaceAll(allowed, ''), text);
        for (const word of not) if (checked.includes(word)) found.push(`${file}: ${word} (say ${use})`);
      }
    }
    expect(found).toEqual([]);
  });

  it('quotes in Chinese with “…” and ‘…’, not straight quotes', () => {
    expect(USER_TEXT.filter((file) => !file.endsWith('.md')).flatMap(straightQuotedChinese)).toEqual([]);
  });
});
