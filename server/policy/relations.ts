// How an actor stands to a task: the issuer (acts from the node that dispatched it), the assignee (acts
// from the node it was dispatched to), or a supervisor (an ancestor of the assignee other than the issuer,
// e.g. the city above a county's own task). The task state machine grants actions by these relations.
import type { Actor } from './actor';

export type TaskRelation = 'issuer' | 'assignee' | 'supervisor';

export function taskRelations(actor: Actor, task: { issuerPath: string; assigneePath: string }): TaskRelation[] {
  if (actor.kind !== 'user') return [];
  const here = actor.node.path;
  const relations: TaskRelation[] = [];
  if (here === task.issuerPath) relations.push('issuer');
  if (here === task.assigneePath) relations.push('assignee');
  if (relations.length === 0 && task.assigneePath.startsWith(here)) relations.push('supervisor');
  return relations;
}
