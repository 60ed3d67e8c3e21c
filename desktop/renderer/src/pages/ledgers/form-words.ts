// The words of a ledger form's button and outcome. An emergency report is sent up to the county and the city at
// once, so it is reported (上报), not saved (保存) like a record the school keeps.
const SAVE = { submit: 'form.save', busy: 'form.saving', done: 'form.saved', failed: 'form.failed' } as const;
const REPORT = { submit: 'form.report', busy: 'form.reporting', done: 'form.reported', failed: 'form.reportFailed' } as const;

/** The ledgers-namespace keys for a ledger kind's form: its button, the button while busy, the notice after, the error. */
export const formWords = (kind: string): typeof SAVE | typeof REPORT => (kind === 'emergency_report' ? REPORT : SAVE);
