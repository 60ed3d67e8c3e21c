// The data set of a demo region (DEMO_REGION): the city of Chengde, or the province of Hebei around it.
import { generateChengde } from '../../fixtures/chengde';
import { generateHebei } from '../../fixtures/hebei';
import type { Dataset } from '../../fixtures/region/types';
import type { DemoRegion } from '../config';

export const DEMO_REGION_NAMES: Record<DemoRegion, string> = { chengde: '承德市 (Chengde)', hebei: '河北省 (Hebei)' };

export function demoDataset(region: DemoRegion, referenceDate: string): Dataset {
  return region === 'hebei' ? generateHebei({ referenceDate }) : generateChengde({ referenceDate });
}
