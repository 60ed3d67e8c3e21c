// The alert categories: what the 明厨亮灶 platforms capture on video, what ledger rules, patrols, camera
// health and the public report. Each has a Chinese name (the UI's default) and a severity.
export type AlertSource = 'ai' | 'patrol' | 'ledger' | 'camera' | 'complaint';
export type Severity = 'low' | 'medium' | 'high';

interface CategoryInfo {
  zh: string;
  en: string;
  severity: Severity;
  sources: readonly AlertSource[];
}

const VIDEO: readonly AlertSource[] = ['ai', 'patrol'];

export const ALERT_CATEGORIES = {
  no_mask: { zh: '未戴口罩', en: 'No mask', severity: 'medium', sources: VIDEO },
  no_chef_hat: { zh: '未戴厨师帽', en: 'No chef hat', severity: 'medium', sources: VIDEO },
  no_work_clothes: { zh: '未穿工作服', en: 'No work clothes', severity: 'medium', sources: VIDEO },
  smoking: { zh: '吸烟', en: 'Smoking', severity: 'high', sources: VIDEO },
  phone_use: { zh: '玩手机', en: 'Phone use', severity: 'medium', sources: VIDEO },
  rodent: { zh: '老鼠出没', en: 'Rodent', severity: 'high', sources: VIDEO },
  animal: { zh: '猫狗出没', en: 'Cat or dog in kitchen', severity: 'high', sources: VIDEO },
  uncovered_bin: { zh: '垃圾桶未加盖', en: 'Uncovered bin', severity: 'low', sources: VIDEO },
  after_hours_person: { zh: '非工作时间人员进入', en: 'Person after hours', severity: 'high', sources: VIDEO },
  intrusion: { zh: '陌生人员闯入', en: 'Unknown person in restricted area', severity: 'high', sources: VIDEO },
  crowding: { zh: '人员聚集', en: 'Crowding', severity: 'low', sources: VIDEO },
  camera_offline: { zh: '摄像头离线', en: 'Camera offline', severity: 'medium', sources: ['camera'] },
  camera_frozen: { zh: '画面冻结', en: 'Picture frozen', severity: 'medium', sources: ['camera'] },
  camera_blurred: { zh: '画面模糊', en: 'Picture blurred', severity: 'low', sources: ['camera'] },
  camera_covered: { zh: '镜头遮挡', en: 'Lens covered', severity: 'high', sources: ['camera'] },
  /** A GB/T 28181 device's own alarm (MANSCDP Notify Alarm: motion, tamper, an alarm input). */
  device_alarm: { zh: '设备报警', en: 'Device alarm', severity: 'medium', sources: ['camera'] },
  licence_expiring: { zh: '许可证即将到期', en: 'Licence expiring', severity: 'low', sources: ['ledger'] },
  licence_expired: { zh: '许可证已过期', en: 'Licence expired', severity: 'high', sources: ['ledger'] },
  health_cert_expiring: { zh: '健康证即将到期', en: 'Health certificate expiring', severity: 'low', sources: ['ledger'] },
  health_cert_expired: { zh: '健康证已过期', en: 'Health certificate expired', severity: 'high', sources: ['ledger'] },
  no_morning_check: { zh: '未进行晨检', en: 'No morning health check', severity: 'medium', sources: ['ledger'] },
  no_meal_accompaniment: { zh: '本周无陪餐记录', en: 'No meal accompaniment this week', severity: 'low', sources: ['ledger'] },
  sample_retention: { zh: '留样不合规', en: 'Food sample retention not met', severity: 'medium', sources: ['ledger'] },
  purchase_without_certificate: { zh: '进货无票证', en: 'Purchase without certificate', severity: 'medium', sources: ['ledger'] },
  no_self_inspection: { zh: '本周未自查', en: 'No self-inspection this week', severity: 'low', sources: ['ledger'] },
  emergency_report: { zh: '应急直报', en: 'Emergency report', severity: 'high', sources: ['ledger'] },
  patrol_violation: { zh: '巡查发现问题', en: 'Patrol finding', severity: 'medium', sources: ['patrol'] },
  complaint: { zh: '群众投诉', en: 'Public complaint', severity: 'medium', sources: ['complaint'] },
} as const satisfies Record<string, CategoryInfo>;

export type AlertCategory = keyof typeof ALERT_CATEGORIES;
export const ALERT_CATEGORY_CODES = Object.keys(ALERT_CATEGORIES) as [AlertCategory, ...AlertCategory[]];
export const ALERT_SOURCES = ['ai', 'patrol', 'ledger', 'camera', 'complaint'] as const;

export const categoryInfo = (category: AlertCategory): CategoryInfo => ALERT_CATEGORIES[category];

/**
 * Alerts about the platform itself rather than a canteen: not rows of the alerts table (each of which names a
 * school and counts in the schools' and counties' figures) but a relay's reported state, announced to the
 * city staff and kept in the audit log (server/relays/storage-alert.ts).
 */
export const SYSTEM_ALERT_CATEGORIES = {
  /** A stream relay stopped recording: the free disk space fell below its floor (RECORDINGS_MIN_FREE_GB). */
  storage_low: { zh: '录像存储空间不足', en: 'Recording storage low', severity: 'high' },
} as const satisfies Record<string, Omit<CategoryInfo, 'sources'>>;

export type SystemAlertCategory = keyof typeof SYSTEM_ALERT_CATEGORIES;
