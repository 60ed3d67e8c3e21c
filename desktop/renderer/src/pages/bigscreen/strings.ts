import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: { title: '指挥大屏' },
  en: { title: 'Command big screen' },
});
