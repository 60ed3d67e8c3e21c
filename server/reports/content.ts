// What a bulletin says, gathered once and rendered twice (PDF and XLSX): the assessment of the node's units
// (a province's cities, a city's counties, or a county's schools), the top problem categories of alerts and tasks in the period,
// and the clearly best and worst unit as examples (examples.ts), each with a few alert snapshots.
import type { Knex } from 'knex';
import { INDICATOR_CODES, INDICATORS, type IndicatorCode } from '../../analytics/assessment';
import { ALERT_CATEGORIES } from '../alerts/categories';
import { assessScope, UNITS_BELOW, type ScopeAssessment } from '../assessment/assess';
import { likePrefix } from '../db/scope';
import type { FileStorage } from '../storage/file-storage';
import { pickExamples } from './examples';

export const TOP_PROBLEMS = 8;
export const SNAPSHOTS_PER_EXAMPLE = 2;

export interface BulletinNode {
  id: string;
  code: string;
  name: string;
  level: string;
  path: string;
}

export interface ProblemCategory {
  category: string;
  label: string;
  alerts: number;
  tasks: number;
}

export interface BulletinExample {
  kind: 'good' | 'bad';
  code: string;
  name: string;
  score: number | null;
  rank: number | null;
  /** Its best or worst indicators, as labels with rates. */
  highlights: Array<{ code: IndicatorCode; label: string; rate: number }>;
  snapshots: Array<{ alertId: string; category: string; label: string; at: string; image: Buffer; mime: string }>;
}

export interface BulletinContent {
  node: BulletinNode;
  title: string;
  assessment: ScopeAssessment;
  problems: ProblemCategory[];
  examples: BulletinExample[];
  generatedAt: Date;
}

const UNIT_WORDS = { city: '地市', county: '区县', school: '学校' } as const;
export const unitWord = (level: ScopeAssessment['level']) => UNIT_WORDS[level];
export const categoryLabel = (category: string) =>
  (ALERT_CATEGORIES as Record<string, { zh: string } | undefined>)[category]?.zh ?? category;

export async function topProblems(db: Knex, scopePath: string, from: Date, to: Date): Promise<ProblemCategory[]> {
  const rows = (
    (await db.raw(
      `SELECT category, sum(alerts)::int AS alerts, sum(tasks)::int AS tasks FROM (
         SELECT category, count(*) AS alerts, 0 AS tasks FROM alerts
          WHERE scope_path LIKE ? AND first_seen_at >= ? AND first_seen_at < ? GROUP BY category
         UNION ALL
         SELECT category, 0, count(*) FROM tasks
          WHERE scope_path LIKE ? AND category IS NOT NULL AND created_at >= ? AND created_at < ? AND parent_id IS NULL
          GROUP BY category) x
       GROUP BY category ORDER BY sum(alerts) + sum(tasks) DESC, category LIMIT ?`,
      [likePrefix(scopePath), from, to, likePrefix(scopePath), from, to, TOP_PROBLEMS],
    )) as { rows: Array<{ category: string; alerts: number; tasks: number }> }
  ).rows;
  return rows.map((row) => ({ ...row, alerts: Number(row.alerts), tasks: Number(row.tasks), label: categoryLabel(row.category) }));
}

async function snapshotsOf(db: Knex, storage: FileStorage, unitPath: string, from: Date, to: Date): Promise<BulletinExample['snapshots']> {
  const rows = (await db('alerts as a')
    .join('attachments as f', 'f.id', 'a.snapshot_id')
    .where('a.scope_path', 'like', likePrefix(unitPath))
    .where('a.first_seen_at', '>=', from)
    .where('a.first_seen_at', '<', to)
    .whereIn('f.mime', ['image/jpeg', 'image/png'])
    .orderByRaw(`CASE a.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, a.first_seen_at DESC`)
    .limit(SNAPSHOTS_PER_EXAMPLE)
    .select('a.id', 'a.category', 'a.first_seen_at', 'f.storage_key', 'f.mime')) as Array<{
    id: string;
    category: string;
    first_seen_at: Date;
    storage_key: string;
    mime: string;
  }>;
  const snapshots: BulletinExample['snapshots'] = [];
  for (const row of rows) {
    const chunks: Buffer[] = [];
    for await (const chunk of storage.open(row.storage_key)) chunks.push(chunk as Buffer);
    snapshots.push({
      alertId: row.id,
      category: row.category,
      label: categoryLabel(row.category),
      at: new Date(row.first_seen_at).toISOString(),
      image: Buffer.concat(chunks),
      mime: row.mime,
    });
  }
  return snapshots;
}

/** The path of a unit of the assessment (a city, a county or a school) by its code. */
async function pathOf(db: Knex, level: ScopeAssessment['level'], code: string): Promise<string> {
  if (level === 'school') return ((await db('schools').where({ code }).first('scope_path')) as { scope_path: string }).scope_path;
  return ((await db('jurisdictions').where({ code }).first('path')) as { path: string }).path;
}

export async function gatherBulletin(
  db: Knex,
  storage: FileStorage,
  input: { node: BulletinNode; periodId: string; now: Date; onStep?: (progress: number) => Promise<void> },
): Promise<BulletinContent> {
  const level = UNITS_BELOW[input.node.level as keyof typeof UNITS_BELOW];
  if (!level) throw new Error(`A bulletin is of a province, a city or a county, not of a ${input.node.level}`);
  const assessment = await assessScope(db, { scopePath: input.node.path, periodId: input.periodId, level });
  await input.onStep?.(30);
  const { startsAt, endsAt } = assessment.period;
  const problems = await topProblems(db, input.node.path, startsAt, endsAt);
  await input.onStep?.(45);

  const { good, bad } = pickExamples(assessment.units);
  const picks: Array<[BulletinExample['kind'], ScopeAssessment['units'][number]]> = [];
  if (good) picks.push(['good', good]);
  if (bad) picks.push(['bad', bad]);
  const examples: BulletinExample[] = [];
  for (const [kind, unit] of picks) {
    const present = unit.indicators.filter((indicator) => indicator.rate !== null);
    present.sort((a, b) => (kind === 'good' ? b.rate! - a.rate! : a.rate! - b.rate!));
    examples.push({
      kind,
      code: unit.id,
      name: unit.name,
      score: unit.score,
      rank: unit.rank,
      highlights: present.slice(0, 3).map((indicator) => ({
        code: indicator.code,
        label: INDICATORS[indicator.code].label.zh,
        rate: indicator.rate!,
      })),
      // The bad example shows what went wrong; the good one what was caught and put right.
      snapshots: await snapshotsOf(db, storage, await pathOf(db, level, unit.id), startsAt, endsAt),
    });
  }
  await input.onStep?.(55);
  return {
    node: input.node,
    title: `${input.node.name}学校食堂食品安全综合评价通报（${assessment.period.label.zh}）`,
    assessment,
    problems,
    examples,
    generatedAt: input.now,
  };
}

export const INDICATOR_COLUMNS = INDICATOR_CODES.map((code) => ({ code, label: INDICATORS[code].label.zh }));
