// The ledger warnings of schools at this moment, and the alerts they raise: one alert per warning key, ever.
// The key goes into the alert's idempotency key, so evaluating again (the daily sweep, a school's next write)
// replays the alert already raised instead of making another; a renewed certificate makes a new key.
import { evaluateLedgerWarnings, ledgerEvidenceWindow, type LedgerWarning } from '../../../analytics/ledgers';
import { KeyRaceError, raiseAlerts, type AlertRequest } from '../../alerts/commands/raiseAlerts';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { systemActor } from '../../policy/actor';
import { schoolCalendarsWithin } from '../../settings/school-calendars';
import { commonScope } from '../../settings/settings-within';
import { firstEntryDates, loadSchoolLedgers, type LedgerSchool } from '../queries';

/** Alerts raised per transaction in a sweep of many schools. */
const BATCH = 300;

/**
 * From when missing records are warned about: the day the city made ledgers required, else the day the school
 * began keeping them. A school with neither is warned only about certificates and licences (its completeness
 * shows the county what is missing), so turning the feature on does not flood the desks with every school's
 * past week.
 */
async function ledgersSinceOf(ctx: DomainContext, school: LedgerSchool, firstEntry: string | undefined): Promise<string | undefined> {
  const required = await ctx.settings.get(ctx.db, school.scope_path, 'ledgers.requiredFrom');
  return required ?? firstEntry;
}

/** The warnings that hold for each school now. Reads outside any transaction. */
export async function warningsOf(ctx: DomainContext, schools: readonly LedgerSchool[]): Promise<Map<string, LedgerWarning[]>> {
  const at = ctx.now();
  const ids = schools.map((school) => school.id);
  const [ledgers, firstEntries] = [await loadSchoolLedgers(ctx.db, ids, ledgerEvidenceWindow(at)), await firstEntryDates(ctx.db, ids)];
  // The school calendars of all of them in one query (holidays, vacations and make-up days per jurisdiction).
  const calendars = await schoolCalendarsWithin(ctx.db, commonScope(schools.map((school) => school.scope_path)));
  const warnings = new Map<string, LedgerWarning[]>();
  for (const school of schools) {
    const ledgersSince = await ledgersSinceOf(ctx, school, firstEntries.get(school.id));
    const schoolDays = calendars.at(school.scope_path).isSchoolDay;
    const found = evaluateLedgerWarnings(ledgers.get(school.id)!, at, ledgersSince ? { ledgersSince, schoolDays } : { schoolDays });
    warnings.set(school.id, ledgersSince ? found : found.filter((warning) => !MISSING_RECORD.has(warning.category)));
  }
  return warnings;
}

const MISSING_RECORD = new Set<LedgerWarning['category']>(['no_morning_check', 'no_meal_accompaniment', 'no_self_inspection']);

export const ledgerAlertKey = (schoolId: string, warning: Pick<LedgerWarning, 'key'>) => `ledger:${schoolId}:${warning.key}`;

function alertRequest(schoolId: string, warning: LedgerWarning): AlertRequest {
  const canteenLicence = warning.subject.ledger === 'licences' && warning.subject.holder === 'canteen';
  return {
    caller: { actor: systemActor('ledger-warnings') },
    input: {
      source: 'ledger',
      category: warning.category,
      schoolId,
      canteenId: canteenLicence && warning.subject.ledger === 'licences' ? warning.subject.id : undefined,
      summary: warning.message.zh,
      details: { warningKey: warning.key, subject: warning.subject, message: warning.message, ...warning.details },
      idempotencyKey: ledgerAlertKey(schoolId, warning),
      // Distinct warnings of one category (two expired certificates) are distinct alerts, never folded.
      foldSubject: warning.key,
    },
  };
}

export interface EvaluationResult {
  schools: number;
  warnings: number;
  /** Alerts newly raised by this evaluation (the rest were raised before). */
  raised: number;
}

/** Evaluates the schools and raises the alerts not raised before. */
export async function evaluateLedgers(ctx: DomainContext, schools: readonly LedgerSchool[]): Promise<EvaluationResult> {
  const warnings = await warningsOf(ctx, schools);
  const requests = [...warnings].flatMap(([schoolId, list]) => list.map((warning) => alertRequest(schoolId, warning)));
  let raised = 0;
  for (let i = 0; i < requests.length; i += BATCH) {
    const batch = requests.slice(i, i + BATCH);
    const raise = () => runInTransaction(ctx, { actor: systemActor('ledger-warnings') }, (uow) => raiseAlerts(uow, ctx, batch));
    // Two evaluations of one school at once (a write and the sweep) race for the same keys: the loser replays.
    const results = await raise().catch((error: unknown) => {
      if (error instanceof KeyRaceError) return raise();
      throw error;
    });
    for (const result of results) {
      if (!result.ok) ctx.log.warn({ err: result.error }, 'ledger warning not raised');
      else if (result.value.outcome === 'created') raised += 1;
    }
  }
  return { schools: schools.length, warnings: requests.length, raised };
}
