import { STATUS_LABELS, type TWorkOrderStatus } from '@zhilv/contracts';
import { Tag } from 'antd-mobile';
import { useLabels } from '../lib/labels';
import { StatusIcon, WORK_ORDER_TONE } from './StatusIcon';

const COLOR: Record<TWorkOrderStatus, string> = {
  pending: 'warning',
  dispatched: 'warning',
  handling: 'primary',
  awaiting_material: 'danger',
  resolved: 'success',
  closed: 'default',
  unfounded: 'default',
  merged: 'default',
};

export function StatusTag({ status, testId }: { status: TWorkOrderStatus; testId?: string }) {
  const { label } = useLabels();
  return (
    <Tag color={COLOR[status]} fill={status === 'closed' ? 'outline' : 'solid'} data-testid={testId}>
      <StatusIcon tone={WORK_ORDER_TONE[status]} />
      {label(STATUS_LABELS, status)}
    </Tag>
  );
}
