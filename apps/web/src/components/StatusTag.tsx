import { STATUS_LABELS, type TWorkOrderStatus } from '@zhilv/contracts';
import { Tag } from 'antd';
import { label } from '../lib/format';

const COLORS: Record<TWorkOrderStatus, string> = {
  pending: 'orange',
  dispatched: 'gold',
  handling: 'blue',
  awaiting_material: 'purple',
  resolved: 'cyan',
  closed: 'green',
  unfounded: 'default',
  merged: 'default',
};

export function StatusTag({ status }: { status: TWorkOrderStatus }) {
  return <Tag color={COLORS[status]}>{label(STATUS_LABELS, status)}</Tag>;
}
