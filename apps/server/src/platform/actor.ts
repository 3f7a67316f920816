import type { TRole } from '@zhilv/contracts';

/** Who is acting: the signed-in account, or the system itself (the SLA sweeper, demo loader). */
export type TActor = {
  id: string | null;
  role: TRole | 'system' | 'anonymous';
  displayName: string;
  departmentId: string | null;
  businessId: string | null;
  ip: string | null;
  /** the account's own phone, masked (for showing it back to them); never the clear number */
  phoneMasked?: string | null;
};

export const SYSTEM_ACTOR: TActor = {
  id: null,
  role: 'system',
  displayName: 'system',
  departmentId: null,
  businessId: null,
  ip: null,
};

export function anonymousActor(ip: string | null): TActor {
  return { id: null, role: 'anonymous', displayName: 'anonymous', departmentId: null, businessId: null, ip };
}
