import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: {
    label: '应急直报',
    line: '{{school}}（{{county}}）· {{type}}，涉及 {{affected}} 人',
    reportedAt: '上报 {{time}}',
    open: '查看',
    acknowledge: '知悉',
    more: '另有 {{count}} 条应急直报未知悉',
  },
  en: {
    label: 'Emergency report',
    line: '{{school}} ({{county}}) · {{type}}, {{affected}} affected',
    reportedAt: 'Reported {{time}}',
    open: 'View',
    acknowledge: 'Acknowledge',
    more: '{{count}} more emergency reports not yet acknowledged',
  },
});
