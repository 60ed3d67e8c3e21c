// The nine indicators and their names, from the assessment's own table (pure data, no server code).
import { INDICATOR_CODES, INDICATORS, type IndicatorCode } from '../../../../../analytics/assessment/indicators';

export { INDICATOR_CODES, type IndicatorCode };

export const indicatorLabel = (code: IndicatorCode, language: string): string =>
  language.startsWith('en') ? INDICATORS[code].label.en : INDICATORS[code].label.zh;

export const formatScore = (score: number | null | undefined): string => (score === null || score === undefined ? '—' : score.toFixed(1));

/** An indicator's two counts as a reader wants them: camera time in hours, everything else as counted. */
export function formatCounts(code: IndicatorCode, numerator: number, denominator: number, hours: (value: string) => string): string {
  if (code !== 'camera_online') return `${numerator}/${denominator}`;
  const inHours = (seconds: number) => hours((seconds / 3600).toFixed(seconds < 36_000 ? 1 : 0));
  return `${inHours(numerator)}/${inHours(denominator)}`;
}
