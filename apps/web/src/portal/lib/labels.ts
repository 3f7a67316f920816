import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type TLabels<K extends string> = Record<K, { zh: string; en: string }>;

/** Picks contracts' bilingual labels in the language on screen; stable until the language changes. */
export function useLabels() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useMemo(
    () => ({
      en,
      label: <K extends string>(labels: TLabels<K>, key: K | null | undefined): string => {
        if (!key) return '—';
        const l = labels[key];
        return l ? (en ? l.en : l.zh) : key;
      },
      name: (x: { name: string; nameEn?: string | null }) => (en && x.nameEn ? x.nameEn : x.name),
    }),
    [en],
  );
}
