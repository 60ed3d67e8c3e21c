// Simplified Chinese by default; English on request, remembered per screen. Each area keeps its strings
// beside its page (pages/<area>/strings.ts) as one i18next namespace.
import i18next, { type Resource, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import emergency from '../components/emergency/strings';
import video from '../components/video/strings';
import accounts from '../pages/accounts/strings';
import assessment from '../pages/assessment/strings';
import bigscreen from '../pages/bigscreen/strings';
import calendar from '../pages/calendar/strings';
import desk from '../pages/desk/strings';
import devices from '../pages/devices/strings';
import ledgers from '../pages/ledgers/strings';
import login from '../pages/login/strings';
import patrol from '../pages/patrol/strings';
import publicPage from '../pages/public/strings';
import school from '../pages/school/strings';
import storage from '../pages/storage/strings';
import wall from '../pages/wall/strings';
import common from './common';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_KEY = 'cc.lang';

const areas = {
  common,
  video,
  emergency,
  login,
  bigscreen,
  wall,
  desk,
  patrol,
  school,
  ledgers,
  assessment,
  calendar,
  accounts,
  storage,
  devices,
  public: publicPage,
};

export function initialLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  const fromUrl = new URLSearchParams(location.search).get('lang');
  const wanted = fromUrl ?? stored;
  return wanted === 'en' ? 'en' : 'zh-CN';
}

export function initI18n(): void {
  const resources: Resource = { 'zh-CN': {}, en: {} };
  for (const [namespace, strings] of Object.entries(areas)) {
    resources['zh-CN']![namespace] = strings.zh as ResourceLanguage;
    resources.en![namespace] = strings.en as ResourceLanguage;
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'zh-CN',
    defaultNS: 'common',
    ns: Object.keys(areas),
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = i18next.language;
}

export function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
