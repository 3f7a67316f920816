import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en';
import zh from '../locales/zh-CN';
import portalEn from '../portal/locales/en';
import portalZh from '../portal/locales/zh-CN';

const saved = localStorage.getItem('zl_lang');
const lng = saved === 'en' ? 'en' : 'zh-CN';

i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: { ...zh, portal: portalZh } },
    en: { translation: { ...en, portal: portalEn } },
  },
  lng,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});
dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
document.documentElement.lang = lng;

/** Switches i18next, dayjs and (through the providers) antd's locale together, and remembers the choice. */
export function setLanguage(l: 'zh-CN' | 'en') {
  localStorage.setItem('zl_lang', l);
  dayjs.locale(l === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = l;
  return i18n.changeLanguage(l);
}

export default i18n;
