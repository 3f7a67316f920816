import type { TOccupancyLevel } from '@zhilv/contracts';
import type { TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TOutbox } from '../../platform/notify.js';
import { businessAccountIds } from '../accounts/index.js';
import { occupancyLevel, type TThresholds } from './capacity.js';
import { insertFlowReport } from './reservations.store.js';

/** 客流预警: which change of level deserves a notice to the command center and the spot. */

const RANK: Record<TOccupancyLevel, number> = { comfortable: 0, busy: 1, crowded: 2, paused: 3 };

/**
 * The level a pass moved into, when it is worth telling: a rise into a higher level, or the fall back below
 * the warning threshold (恢复舒适). Staying in a level, or falling between the upper levels, is not.
 */
export function flowLevelChange(before: TOccupancyLevel, after: TOccupancyLevel): TOccupancyLevel | null {
  if (RANK[after] > RANK[before]) return after;
  if (after === 'comfortable' && before !== 'comfortable') return after;
  return null;
}

type TSpotForAlert = TThresholds & { businessId: string; instantCapacity: number; name: string; nameEn: string };

export function flowAlertTitles(spot: TSpotForAlert, level: TOccupancyLevel) {
  const en = spot.nameEn || spot.name;
  switch (level) {
    case 'busy':
      return {
        titleZh: `${spot.name} 客流达 ${spot.warningPct}%，请注意疏导`,
        titleEn: `${en} at ${spot.warningPct}%: crowding warning`,
      };
    case 'crowded':
      return {
        titleZh: `${spot.name} 客流达 ${spot.stopSalesPct}%，已暂停当日售票`,
        titleEn: `${en} at ${spot.stopSalesPct}%: same-day sales paused`,
      };
    case 'paused':
      return {
        titleZh: `${spot.name} 客流达 ${spot.stopEntryPct}%，已暂停入园`,
        titleEn: `${en} at ${spot.stopEntryPct}%: entry stopped`,
      };
    default:
      return {
        titleZh: `${spot.name} 客流回落至 ${spot.warningPct}% 以下，恢复舒适`,
        titleEn: `${en} below ${spot.warningPct}%: comfortable again`,
      };
  }
}

/**
 * Compares the level before and after one pass, inside the pass's transaction (the occupancy row is locked by
 * its UPDATE, so exactly one transaction sees each crossing), and writes the notices and the audit entry there.
 */
export async function raiseFlowAlert(
  tx: TExecutor,
  outbox: TOutbox,
  actor: TActor,
  spot: TSpotForAlert,
  occupancy: { before: number; after: number },
  /** the pass's time, from the clock: when the report became due */
  now: Date,
) {
  const from = occupancyLevel(occupancy.before, spot.instantCapacity, spot);
  const to = occupancyLevel(occupancy.after, spot.instantCapacity, spot);
  await raiseLocalAlert(tx, outbox, actor, spot, occupancy);
  const level = flowLevelChange(from, to);
  if (!level) return null;
  // Crossing the warning level from below: the report to the local government is due, as a step to record.
  if (from === 'comfortable') {
    const report = await insertFlowReport(tx, {
      businessId: spot.businessId,
      occupancy: occupancy.after,
      instantCapacity: spot.instantCapacity,
      pct: spot.warningPct,
      raisedAt: now,
    });
    outbox.notify(
      { role: 'dispatcher' },
      {
        kind: 'flow_report_due',
        titleZh: `${spot.name} 客流达 ${spot.warningPct}%，请向当地政府报告并记录`,
        titleEn: `${spot.nameEn || spot.name} at ${spot.warningPct}%: report to the local government and record it`,
        objectType: 'flow_report',
        objectId: report.id,
      },
    );
  }
  const n = {
    kind: 'flow_alert',
    ...flowAlertTitles(spot, level),
    bodyZh: `在园 ${occupancy.after} / 瞬时承载量 ${spot.instantCapacity}`,
    bodyEn: `Inside ${occupancy.after} of an instant capacity of ${spot.instantCapacity}`,
    objectType: 'spot',
    objectId: spot.businessId,
  };
  outbox.notify({ role: 'dispatcher' }, n);
  outbox.notify({ role: 'leader' }, n);
  for (const id of await businessAccountIds(tx, spot.businessId)) outbox.notify({ userId: id }, n);
  await writeAudit(tx, actor, {
    action: 'reservation.flow_level',
    objectType: 'spot',
    objectId: spot.businessId,
    before: { level: from, occupancy: occupancy.before },
    after: { level: to, occupancy: occupancy.after },
  });
  return level;
}

/**
 * The optional local level (e.g. 90%, a local choice): a notice to the command center and leaders when a pass
 * crosses it upwards. Nothing else changes at it: sales stopped at the warning level, entry stops at 100%.
 */
async function raiseLocalAlert(
  tx: TExecutor,
  outbox: TOutbox,
  actor: TActor,
  spot: TSpotForAlert,
  occupancy: { before: number; after: number },
) {
  const pct = spot.localAlertPct;
  if (!pct) return;
  const line = spot.instantCapacity * pct;
  if (!(occupancy.before * 100 < line && occupancy.after * 100 >= line)) return;
  const n = {
    kind: 'flow_alert',
    titleZh: `${spot.name} 客流达 ${pct}%（本地预警级别）`,
    titleEn: `${spot.nameEn || spot.name} at ${pct}% (local alert level)`,
    bodyZh: `在园 ${occupancy.after} / 瞬时承载量 ${spot.instantCapacity}`,
    bodyEn: `Inside ${occupancy.after} of an instant capacity of ${spot.instantCapacity}`,
    objectType: 'spot',
    objectId: spot.businessId,
  };
  outbox.notify({ role: 'dispatcher' }, n);
  outbox.notify({ role: 'leader' }, n);
  await writeAudit(tx, actor, {
    action: 'reservation.local_alert',
    objectType: 'spot',
    objectId: spot.businessId,
    after: { pct, occupancy: occupancy.after },
  });
}
