import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: { title: '调度台' },
  en: { title: 'Dispatch desk' },
});
