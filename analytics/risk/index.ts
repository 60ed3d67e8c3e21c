// Canteen risk grading (pure): weights, scoring with its explanation, grades and patrol intervals.
export * from './types';
export * from './weights';
export * from './grading';
export * from './score';
