// County and school assessment (pure): periods, indicators from counts, weighted score, competition rank and
// the change from the previous period.
export * from './periods';
export * from './period-id';
export * from './indicators';
export * from './weights';
export * from './rates';
export { byIndicator, scoreCounts, type CountsScore, type IndicatorScore } from './score';
export * from './ranking';
export * from './assess';
export * from './counting';
