// Who acted, as the timelines show it: people by name, the system by what it does, in the screen's language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { actorName } from './actor-name';
import common from './common';

const SERVER = fileURLToPath(new URL('../../../../server', import.meta.url));

function i18n(language: 'zh-CN' | 'en') {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { 'zh-CN': { common: common.zh }, en: { common: common.en } },
    lng: language,
    defaultNS: 'common',
    initAsync: false,
  });
  return instance;
}

/** Every name the server gives its system actors: systemActor('…') and asSystem(uow, '…'). */
function serverSystemNames(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(SERVER, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const source = readFileSync(path.join(SERVER, file), 'utf8');
    for (const match of source.matchAll(/(?:systemActor\(|asSystem\(\s*\w+,\s*)'([^']+)'/g)) names.add(match[1]!);
  }
  return [...names].sort();
}

describe('actor names on the timelines', () => {
  it('names the workflow and the other system actors in Chinese, and in English on request', () => {
    const zh = i18n('zh-CN');
    expect(actorName(zh, { kind: 'system', name: 'workflow' })).toBe('系统（流程）');
    expect(actorName(zh, { kind: 'system', name: 'auto-dispatch' })).toBe('系统（自动下发）');
    expect(actorName(zh, { kind: 'system', name: 'cli:token' })).toBe('系统（命令行）');
    expect(actorName(i18n('en'), { kind: 'system', name: 'workflow' })).toBe('System (workflow)');
  });

  it('has a Chinese name for every system actor the server acts as', () => {
    const zh = i18n('zh-CN');
    const names = serverSystemNames();
    expect(names).toEqual(expect.arrayContaining(['auto-dispatch', 'complaints', 'workflow']));
    for (const name of names) expect(actorName(zh, { kind: 'system', name }), name).toMatch(/^系统（[\u4e00-\u9fff]+）$/);
  });

  it('shows a person by name, a service account by what it does or its name, and an unknown system as 系统', () => {
    const zh = i18n('zh-CN');
    expect(actorName(zh, { kind: 'user', name: '张敏' })).toBe('张敏');
    expect(actorName(zh, { kind: 'service', name: 'embedded-analytics' })).toBe('系统（智能分析）');
    expect(actorName(zh, { kind: 'service', name: 'relay-02' })).toBe('服务账号（relay-02）');
    expect(actorName(zh, { kind: 'system', name: 'something-new' })).toBe('系统');
    expect(actorName(zh, { kind: 'system', name: null })).toBe('系统');
  });
});
