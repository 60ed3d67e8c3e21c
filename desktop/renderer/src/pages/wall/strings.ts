import { defineStrings } from '../../i18n/translation';

export default defineStrings({
  zh: { title: '视频墙' },
  en: { title: 'Video wall' },
});
