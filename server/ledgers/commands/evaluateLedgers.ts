// The ledger warnings of schools at this moment, and the alerts they raise: one alert per warning key, ever.
// The key goes into the alert's idempotency key, so evaluating again (the daily sweep, a school's next write)
// replays the alert already raised instead of making another; a renewed certificate makes a new key.
import { evaluateLedgerWarnings, ledgerEvidenceWindow, type LedgerWarning } from '../../../analytics/ledgers';
import { KeyRaceError, raiseAlerts, type AlertRequest } from '../../alerts/commands/raiseAlerts';
import type { DomainContext } from '../../context';
import { runInTransaction } from '../../db/unit-of-work';
import { systemActor } from '../../policy/actor';
import { loadSchoolLedgers, type LedgerSchool } from '../queries';

/** Alerts raised per transaction in a sweep of many schools. */
const BATCH = 300;

/** The warnings that hold for each school now. Reads outside any transaction. */
export async function warningsOf(ctx: DomainContext, schools: readonly LedgerSchool[]): Promise<Map<string, LedgerWarning[]>> {
  const at = ctx.now();
  const ledgers = await loadSchoolLedgers(
    ctx.db,
    schools.map((school) => school.id),
    ledgerEvidenceWindow(at),
  );
  const warnings = new Map<string, LedgerWarning[]>();
  for (const school of schools) {
    const ledgersSince = await ctx.settings.get(ctx.db, school.scope_path, 'ledgers.requiredFrom');
    warnings.set(school.id, evaluateLedgerWarnings(ledgers.get(school.id)!, at, { ledgersSince }));
  }
  return warnings;
}

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
