// The counties in the operator's scope (a province's, by city; a city's eleven; or a county operator's own),
// for filters and targets.
import { useMemo } from 'react';
import type { JurisdictionNode, JurisdictionTree } from '../api/types';
import { useLiveQuery } from './use-live-query';

export interface CountyOption {
  code: string;
  name: string;
  /** Its city's name: a province's counties repeat names (桥西区 in three cities). */
  city?: string | undefined;
}

function collectCounties(node: JurisdictionNode, into: CountyOption[], city?: string): CountyOption[] {
  if (node.level === 'county') into.push({ code: node.code, name: node.name, city });
  else for (const child of node.children) collectCounties(child, into, node.level === 'city' ? node.name : city);
  return into;
}

export function useCounties(): CountyOption[] {
  const tree = useLiveQuery<JurisdictionTree>('/api/jurisdictions');
  return useMemo(() => (tree.data ? collectCounties(tree.data.root, []) : []), [tree.data]);
}
