// The counties in the operator's scope (a city's eleven, or a county operator's own), for filters and targets.
import { useMemo } from 'react';
import type { JurisdictionNode, JurisdictionTree } from '../api/types';
import { useLiveQuery } from './use-live-query';

export interface CountyOption {
  code: string;
  name: string;
}

function collectCounties(node: JurisdictionNode, into: CountyOption[]): CountyOption[] {
  if (node.level === 'county') into.push({ code: node.code, name: node.name });
  else for (const child of node.children) collectCounties(child, into);
  return into;
}

export function useCounties(): CountyOption[] {
  const tree = useLiveQuery<JurisdictionTree>('/api/jurisdictions');
  return useMemo(() => (tree.data ? collectCounties(tree.data.root, []) : []), [tree.data]);
}
