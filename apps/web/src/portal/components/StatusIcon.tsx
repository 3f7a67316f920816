import type { TBookingStatus, TWorkOrderStatus } from '@zhilv/contracts';
import {
  CheckCircleOutline,
  ClockCircleOutline,
  CloseCircleOutline,
  ExclamationCircleOutline,
  LinkOutline,
  LoopOutline,
} from 'antd-mobile-icons';
import { useElderMode } from '../lib/elder';

const ICONS = {
  waiting: ClockCircleOutline,
  active: LoopOutline,
  attention: ExclamationCircleOutline,
  done: CheckCircleOutline,
  stopped: CloseCircleOutline,
  linked: LinkOutline,
};
export type TTone = keyof typeof ICONS;

export const WORK_ORDER_TONE: Record<TWorkOrderStatus, TTone> = {
  pending: 'waiting',
  dispatched: 'waiting',
  handling: 'active',
  awaiting_material: 'attention',
  resolved: 'done',
  closed: 'done',
  unfounded: 'stopped',
  merged: 'linked',
};
/** A ticket's state as the tourist reads it (TicketPage's `expired` is a booked ticket whose day is over). */
export const BOOKING_TONE: Record<TBookingStatus | 'expired', TTone> = {
  booked: 'waiting',
  checked_in: 'done',
  cancelled: 'stopped',
  voided: 'attention',
  expired: 'stopped',
};

/**
 * In elder mode a status tag carries a shape as well as its colour and words (a clock: waiting, a tick: done, a
 * cross: ended …), so that no state is told by colour alone. Decorative for screen readers: the tag's text says it.
 */
export function StatusIcon({ tone }: { tone: TTone }) {
  const elder = useElderMode();
  if (!elder) return null;
  const Icon = ICONS[tone];
  return <Icon aria-hidden="true" className="zlp-status-icon" />;
}
