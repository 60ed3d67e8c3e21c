// A small province for tests of the province level: Hebei with two cities of two counties each (承德市:
// 兴隆县, 滦平县; 张家口市: 张北县, 康保县), a few canteens per county; the demo
// seeds the users of every node (`province.duty`, `city.duty` for Chengde, `city.130700.duty`, …).
import { CHENGDE_CODE, HEBEI_CODE } from '../../fixtures/chengde';
import { generateRegion } from '../../fixtures/region/generate';
import type { Dataset } from '../../fixtures/region/types';

export const ZHANGJIAKOU_CODE = '130700';
export const TWO_CITY_COUNTIES = { [CHENGDE_CODE]: ['130822', '130824'], [ZHANGJIAKOU_CODE]: ['130722', '130723'] } as const;

export function generateTwoCityRegion(canteens = 24): Dataset {
  return generateRegion({
    seed: 20261207,
    provinceCode: HEBEI_CODE,
    cityCodes: [ZHANGJIAKOU_CODE, CHENGDE_CODE],
    counties: Object.entries(TWO_CITY_COUNTIES).flatMap(([cityCode, codes]) => codes.map((code) => ({ code, weight: 1, cityCode }))),
    canteens,
    referenceDate: '2026-11-01',
    minCanteensPerCounty: 2,
  });
}
