// Asia/Shanghai calendar dates, ISO weeks and school-day calendars, shared by the ledger rules and the assessment.
export * from './dates';
export * from './school-days';
export * from './school-calendar-setting';
export * from './schemas';
