import { Segmented } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../../lib/i18n';

/** 中文 / English: switches i18next, dayjs and antd-mobile together (the layout follows i18n.language). */
export function PortalLang({ light }: { light?: boolean }) {
  const { i18n, t } = useTranslation();
  const value = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Segmented
      aria-label={t('portal.lang.label')}
      data-testid="lang-switch"
      value={value}
      onChange={(v) => void setLanguage(v as 'zh-CN' | 'en')}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      style={
        light
          ? {
              '--segmented-background': 'rgba(255,255,255,0.22)',
              color: '#fff',
              '--segmented-item-selected-background': '#fff',
              '--segmented-item-selected-color': '#1d5fd1',
            }
          : undefined
      }
    />
  );
}
