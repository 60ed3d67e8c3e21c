import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="language-switch"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(event) => setLanguage(event.target.value as Language)}
    >
      <option value="zh-CN">{t('language.zh')}</option>
      <option value="en">{t('language.en')}</option>
    </select>
  );
}
