import dayjs from 'dayjs';
import i18n from 'i18next';

export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtPct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
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
