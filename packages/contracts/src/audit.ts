/** The audit chain's head as a check gives it and a later check takes it back: "id:hash" (sha256, hex). */
export const AUDIT_CHAIN_HEAD = /^[1-9][0-9]{0,15}:[0-9a-f]{64}$/;

/**
 * What the chain check found wrong with one row: its content or hash changed, the row it chained from is gone, or
 * a saved head's row is gone or has another hash. `at` and `action` are the row's, null when it is gone.
 */
export type TAuditChainFinding = {
  id: number;
  at: string | null;
  action: string | null;
  problem: 'content_changed' | 'link_missing' | 'head_missing';
};

export type TAuditChainHead = { id: number; hash: string };

/** One page of the chain check (GET /api/audit-logs/chain). */
export type TAuditChainCheck = {
  checked: number;
  findings: TAuditChainFinding[];
  /** the check stopped after too many findings */
  stopped: boolean;
  /** where the next page starts; null at the log's end (or when stopped) */
  nextAfterId: number | null;
  /** the newest row, at the log's end: keep it elsewhere and give it to the next check */
  head: TAuditChainHead | null;
};
