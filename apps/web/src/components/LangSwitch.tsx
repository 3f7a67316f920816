import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../lib/i18n';

export function LangSwitch({ type = 'text' }: { type?: 'text' | 'link' | 'default' }) {
  const { i18n, t } = useTranslation();
  return (
    <Button type={type} onClick={() => setLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')} data-testid="lang-switch">
      {t('app.lang')}
    </Button>
  );
}
