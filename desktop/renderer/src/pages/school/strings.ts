import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: { title: '整改任务' },
  en: { title: 'Rectification tasks' },
});
