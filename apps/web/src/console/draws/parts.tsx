import { DRAW_RESULT_LABELS, type TDrawPlanStatus, type TDrawTaskStatus } from '@zhilv/contracts';
import { message, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { label } from '../../lib/format';

export const PLAN_COLOR: Record<TDrawPlanStatus, string> = { draft: 'default', frozen: 'blue', drawn: 'green' };
export const TASK_COLOR: Record<TDrawTaskStatus, string> = { open: 'orange', done: 'blue', published: 'green' };

export function PlanStatus({ status }: { status: TDrawPlanStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={PLAN_COLOR[status]} data-testid="plan-status">
      {t(`draws.planStatus.${status}`)}
    </Tag>
  );
}

export function TaskStatus({ status }: { status: TDrawTaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={TASK_COLOR[status]} data-testid="task-status">
      {t(`draws.taskStatus.${status}`)}
    </Tag>
  );
}

export const resultLabel = (r: string | null) =>
  r ? label(DRAW_RESULT_LABELS, r as keyof typeof DRAW_RESULT_LABELS) : '—';

/** A hash shown short, whole on hover, selectable for copying. */
export function Hash({ value }: { value: string | null }) {
  if (!value) return <>—</>;
  return (
    <code title={value} style={{ wordBreak: 'break-all', fontSize: 12 }}>
      {value}
    </code>
  );
}

export const fail = (e: unknown) => message.error(e instanceof Error ? e.message : String(e));
