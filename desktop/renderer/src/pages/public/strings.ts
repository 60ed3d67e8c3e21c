import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: { title: '阳光食堂公众查询' },
  en: { title: 'Open canteens' },
});
