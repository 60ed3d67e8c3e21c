// The warning categories of the ledger rules. Codes, names and severities are those of the server's alert
// catalogue (server/alerts/categories.ts), so each warning becomes an alert of source `ledger` as it is.

export type LedgerWarningSeverity = 'low' | 'medium' | 'high';

export const LEDGER_WARNING_CATEGORIES = {
  licence_expiring: { zh: '许可证即将到期', en: 'Licence expiring', severity: 'low' },
  licence_expired: { zh: '许可证已过期', en: 'Licence expired', severity: 'high' },
  health_cert_expiring: { zh: '健康证即将到期', en: 'Health certificate expiring', severity: 'low' },
  health_cert_expired: { zh: '健康证已过期', en: 'Health certificate expired', severity: 'high' },
  no_morning_check: { zh: '未进行晨检', en: 'No morning health check', severity: 'medium' },
  no_meal_accompaniment: { zh: '本周无陪餐记录', en: 'No meal accompaniment this week', severity: 'low' },
  sample_retention: { zh: '留样不合规', en: 'Food sample retention not met', severity: 'medium' },
  purchase_without_certificate: { zh: '进货无票证', en: 'Purchase without certificate', severity: 'medium' },
  no_self_inspection: { zh: '本周未自查', en: 'No self-inspection this week', severity: 'low' },
} as const satisfies Record<string, { zh: string; en: string; severity: LedgerWarningSeverity }>;

export type LedgerWarningCategory = keyof typeof LEDGER_WARNING_CATEGORIES;
