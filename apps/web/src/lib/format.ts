import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n from 'i18next';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Times are shown in the prefecture's zone whatever the viewer's device says: a deadline of "16:07" must mean
 * the same minute to the dispatcher, the department and the tourist (and match the tracking number's date).
 */
export const ZONE = 'Asia/Shanghai';
export const inZone = (iso: string | Date) => dayjs(iso).tz(ZONE);
export const fmtTimeAs = (iso: string | null | undefined, pattern: string) => (iso ? inZone(iso).format(pattern) : '—');
/** One argument only: it is passed straight to table columns as their render function. */
export const fmtTime = (iso: string | null | undefined) => fmtTimeAs(iso, 'YYYY-MM-DD HH:mm');
export const fmtPct = (x: number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`;
/** Picks the label in the current language from a contracts `{zh, en}` map. */
export function label<K extends string>(
  labels: Record<K, { zh: string; en: string }>,
  key: K | null | undefined,
): string {
  if (!key) return '—';
  const l = labels[key];
  if (!l) return key;
  return i18n.language === 'en' ? l.en : l.zh;
}
export const isEn = () => i18n.language === 'en';
/** A record's name in the reader's language: the English one in English mode where it exists, else the Chinese. */
export const nameIn = (zh: string | null | undefined, en: string | null | undefined) => (isEn() && en ? en : zh) || '—';
