// What the units of an assessment are: a province's cities, a city's counties, a county's schools.
import type { AssessmentResult } from '../../api/types';

export type AssessmentLevel = AssessmentResult['level'];
