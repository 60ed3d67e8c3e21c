// Shared look-ups for task commands: the node a task goes to, and a deadline from the input or the settings.
import type { Knex } from 'knex';
import { invalidInput, notFound } from '../../errors';
import type { UserActor } from '../../policy/actor';
import { effectiveSetting } from '../../settings/queries';

export interface AssigneeNode {
  nodeId: string;
  code: string;
  name: string;
  path: string;
  level: 'county' | 'school';
  schoolId: string | null;
}

/** A node below the actor that may receive a task: a county (from a city) or a school. */
export async function resolveAssignee(db: Knex, actor: UserActor, code: string): Promise<AssigneeNode> {
  const node = (await db('jurisdictions as j')
    .leftJoin('schools as s', 's.jurisdiction_id', 'j.id')
    .where('j.code', code)
    .first('j.id', 'j.code', 'j.name', 'j.path', 'j.level', 's.id as school_id')) as
    { id: string; code: string; name: string; path: string; level: string; school_id: string | null } | undefined;
  if (!node || !node.path.startsWith(actor.node.path)) throw notFound('jurisdiction');
  if (node.path === actor.node.path || (node.level !== 'county' && node.level !== 'school')) {
    throw invalidInput('A task goes to a county or a school below you', { assignee: code });
  }
  return { nodeId: node.id, code: node.code, name: node.name, path: node.path, level: node.level, schoolId: node.school_id };
}

export async function resolveDeadline(
  db: Knex,
  issuerPath: string,
  now: Date,
  input: { deadline?: string | undefined; deadlineHours?: number | undefined },
): Promise<Date> {
  if (input.deadline) return new Date(input.deadline);
  const hours = input.deadlineHours ?? (await effectiveSetting(db, issuerPath, 'tasks.defaultDeadlineHours'));
  return new Date(now.getTime() + hours * 3_600_000);
}
