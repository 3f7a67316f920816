import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../lib/i18n';

const OPTIONS = [
  { label: '中文', value: 'zh-CN', lang: 'zh-CN' },
  { label: 'English', value: 'en', lang: 'en' },
] as const;

/**
 * 中文 / English: switches i18next, dayjs and antd-mobile together (the layout follows i18n.language). Two toggle
 * buttons in a named group (antd-mobile's Segmented puts radio inputs inside a listbox, which screen readers
 * cannot announce); each label in its own language.
 */
export function PortalLang({ light }: { light?: boolean }) {
  const { i18n, t } = useTranslation();
  const value = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of two toggle buttons, not a form's fieldset
    <div
      role="group"
      aria-label={t('portal.lang.label')}
      data-testid="lang-switch"
      className={`zlp-lang${light ? ' zlp-lang-light' : ''}`}
    >
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.lang}
          aria-pressed={value === o.value}
          className={value === o.value ? 'zlp-lang-on' : undefined}
          onClick={() => void setLanguage(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
