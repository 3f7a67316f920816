import type { TTimelineEntry } from '@zhilv/contracts';
import { Steps } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { fmtTime } from '../../lib/format';

const WARN = new Set(['overdue', 'escalate', 'urge', 'return', 'reopen', 'unfounded']);

/** Every step the order went through, oldest first, the last one current. */
export function Timeline({ entries }: { entries: TTimelineEntry[] }) {
  const { t } = useTranslation();
  return (
    <Steps direction="vertical" current={entries.length - 1} style={{ '--title-font-size': '15px' }}>
      {entries.map((e, i) => (
        <Steps.Step
          key={e.id}
          status={WARN.has(e.action) ? 'error' : i === entries.length - 1 ? 'process' : 'finish'}
          title={t(`portal.actions.${e.action}`, { defaultValue: e.action })}
          description={
            <div data-testid="timeline-step">
              <div>
                {fmtTime(e.at)}
                {e.departmentName ? ` · ${e.departmentName}` : ''}
              </div>
              {e.note && (
                <div style={{ color: '#555', marginTop: 2, whiteSpace: 'pre-wrap' }}>
                  {e.action === 'rate' ? t(`portal.satisfaction.${e.note}`, { defaultValue: e.note }) : e.note}
                </div>
              )}
            </div>
          }
        />
      ))}
    </Steps>
  );
}
