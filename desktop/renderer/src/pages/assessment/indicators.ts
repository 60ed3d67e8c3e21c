// The nine indicators and their names, from the assessment's own table (pure data, no server code).
import { INDICATOR_CODES, INDICATORS, type IndicatorCode } from '../../../../../analytics/assessment/indicators';

export { INDICATOR_CODES, type IndicatorCode };

export const indicatorLabel = (code: IndicatorCode, language: string): string =>
  language.startsWith('en') ? INDICATORS[code].label.en : INDICATORS[code].label.zh;

export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? '—' : score.toFixed(1));
