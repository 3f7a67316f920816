import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtTimeAs } from '../../lib/format';

function human(ms: number, en: boolean) {
  const m = Math.round(Math.abs(ms) / 60_000);
  if (m < 60) return en ? `${m} min` : `${m} 分钟`;
  const h = Math.floor(m / 60);
  if (h < 48) return en ? `${h} h ${m % 60} min` : `${h} 小时 ${m % 60} 分`;
  return en ? `${Math.floor(h / 24)} d` : `${Math.floor(h / 24)} 天`;
}

/** A live countdown to a deadline; red once passed. */
export function Deadline({ at, stopped }: { at: string | null; stopped?: boolean }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(h);
  }, []);
  if (!at) return <span>—</span>;
  const left = new Date(at).getTime() - now;
  const text = fmtTimeAs(at, 'MM-DD HH:mm');
  if (stopped) return <span>{text}</span>;
  return (
    <span>
      {text}{' '}
      <Typography.Text type={left < 0 ? 'danger' : left < 3_600_000 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
        {left < 0
          ? t('wo.overdueBy', { t: human(left, i18n.language === 'en') })
          : `${t('wo.remaining')} ${human(left, i18n.language === 'en')}`}
      </Typography.Text>
    </span>
  );
}
