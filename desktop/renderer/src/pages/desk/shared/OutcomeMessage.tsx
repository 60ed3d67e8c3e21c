// What became of the operator's last request: the error (role=alert) or the result (role=status), with
// test ids `<testId>-error` and `<testId>-result`, and after a result an optional follow-up control.
import type { ReactNode } from 'react';

export type Outcome = { kind: 'ok' | 'error'; text: string } | null;

export function OutcomeMessage({
  outcome,
  testId,
  className,
  action,
}: {
  outcome: Outcome;
  testId: string;
  className?: string;
  action?: ReactNode;
}) {
  if (outcome?.kind === 'error')
    return (
      <p className={className ? `error ${className}` : 'error'} role="alert" data-testid={`${testId}-error`}>
        {outcome.text}
      </p>
    );
  if (outcome?.kind === 'ok')
    return (
      <p className={className ? `${className} desk-ok` : 'desk-ok'} role="status" data-testid={`${testId}-result`}>
        {outcome.text}
        {action && <> {action}</>}
      </p>
    );
  return null;
}
