import type { TWorkOrderStatus } from '@zhilv/contracts';

/**
 * What a work-order command tells its subscribers (platform/commands onCommand): the order as it was and is, in
 * plain facts, so another module (credit: a founded complaint lowers a score) needs nothing of this module's rows.
 */
export type TWorkOrderCommandFacts = {
  workOrderId: string;
  trackingNo: string;
  kind: string;
  category: string | null;
  businessId: string | null;
  departmentId: string | null;
  statusBefore: TWorkOrderStatus;
  statusAfter: TWorkOrderStatus;
  satisfaction: string | null;
  /** the department's finding when it resolved (founded 属实 / unfounded 不属实); null before */
  finding: string | null;
  at: Date;
};

declare module '../../platform/commands/index.js' {
  interface TCommandFacts {
    'work-order.dispatched': TWorkOrderCommandFacts;
    'work-order.accepted': TWorkOrderCommandFacts;
    'work-order.returned': TWorkOrderCommandFacts;
    'work-order.transferred': TWorkOrderCommandFacts;
    'work-order.material-requested': TWorkOrderCommandFacts;
    'work-order.material-supplied': TWorkOrderCommandFacts;
    'work-order.business-involved': TWorkOrderCommandFacts;
    'work-order.business-replied': TWorkOrderCommandFacts;
    'work-order.replied': TWorkOrderCommandFacts;
    'work-order.resolved': TWorkOrderCommandFacts;
    'work-order.rated': TWorkOrderCommandFacts;
    'work-order.urged': TWorkOrderCommandFacts;
    'work-order.merged': TWorkOrderCommandFacts;
    'work-order.found-unfounded': TWorkOrderCommandFacts;
    'work-order.time-requested': TWorkOrderCommandFacts;
    'work-order.time-decided': TWorkOrderCommandFacts;
    'work-order.suspension-ended': TWorkOrderCommandFacts;
    'work-order.followed-up': TWorkOrderCommandFacts;
    'work-order.disputed': TWorkOrderCommandFacts;
    'work-order.dispute-reviewed': TWorkOrderCommandFacts;
  }
}
