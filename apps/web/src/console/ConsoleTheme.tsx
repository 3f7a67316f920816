import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * antd's locale switches with i18next and dayjs (see lib/i18n.ts). The theme's tokens meet WCAG 2.1 AA contrast
 * (4.5:1 for text) once for every page: antd's links (#1677ff, 4.1:1) and secondary texts (45% black, 3.4:1) do not.
 */
const TOKENS = {
  colorPrimary: '#1d5fd1',
  colorInfo: '#1d5fd1',
  colorLink: '#1d5fd1',
  colorSuccess: '#237a3b',
  // antd derives a dark grey-green tint from this green (#afbab0: its text fell to 2.8:1 on a filled tag): say it
  colorSuccessBg: '#f0f9f1',
  colorSuccessBorder: '#a3d9ae',
  colorWarning: '#ad5b00',
  colorError: '#c8161d',
  colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  // placeholders name the filter fields that have no label: they are read, so they meet the contrast too
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
  borderRadius: 6,
};
export function ConsoleTheme({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: TOKENS }}>
      {children}
    </ConfigProvider>
  );
}
