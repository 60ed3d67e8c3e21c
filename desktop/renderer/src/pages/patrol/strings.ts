import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: { title: '网络巡查' },
  en: { title: 'Network patrol' },
});
