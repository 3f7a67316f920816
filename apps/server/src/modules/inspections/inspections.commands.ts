import type { TInspectionKind, TSeverity } from '@zhilv/contracts';

/**
 * What the inspection commands tell their subscribers (platform/commands onCommand), as plain facts: the draws
 * module marks its task done on `inspection.submitted`; credit scores a business on the results and on how its
 * hazards end. Neither needs this module's tables.
 */
export type TInspectionSubmittedFacts = {
  inspectionId: string;
  businessId: string;
  kind: TInspectionKind;
  drawTaskId: string | null;
  result: 'pass' | 'fail';
  failedItems: { key: string; severity: TSeverity; hazardId: string }[];
  submittedAt: Date;
};

export type THazardFacts = {
  hazardId: string;
  hazardNo: string;
  inspectionId: string;
  businessId: string;
  severity: TSeverity;
  dueAt: Date;
  /** hazard.closed: whether it closed by its (latest) deadline */
  onTime: boolean | null;
  /** hazard.overdue: 1 at the first lapse (100%), 2 at the second (reported to the leaders) */
  lapse: 1 | 2 | null;
  at: Date;
};

declare module '../../platform/commands/index.js' {
  interface TCommandFacts {
    'inspection.submitted': TInspectionSubmittedFacts;
    'inspection.confirmed': { inspectionId: string; businessId: string };
    'inspection.published': { inspectionId: string; businessId: string };
    'hazard.work-order-raised': THazardFacts;
    'hazard.referred': THazardFacts;
    'hazard.answered': THazardFacts;
    'hazard.rejected': THazardFacts;
    'hazard.closed': THazardFacts;
    'hazard.overdue': THazardFacts;
  }
}
