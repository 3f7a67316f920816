import type { TExecutor } from '../../db/client.js';
import { userLabelsByIds } from '../accounts/index.js';
import { gridNamesByIds } from '../grids/index.js';
import { businessNamesByIds, departmentNamesByIds, practitionerRefsByIds } from '../master-data/index.js';
import { bookingRefsByIds } from '../reservations/index.js';
import { returnTrackingNosByIds } from '../returns/index.js';
import { stationNamesByIds } from '../stations/index.js';
import { routeNamesByIds } from '../tour-routes/index.js';
import { workOrderRefsByIds } from '../work-orders/index.js';
import { byName, labels, type TAuditLookups, type TObjectLabeller, userObjects } from './audit-labels.js';

const businessNames = byName(businessNamesByIds, labels.named);

/** A booking as the audit admin can tell it apart: the spot, the day, the ticket code's last four characters. */
const bookingLabels: TObjectLabeller = async (db: TExecutor, ids: string[]) => {
  const refs = await bookingRefsByIds(db, ids);
  const spots = await businessNames(db, [...new Set(refs.map((r) => r.businessId))]);
  return new Map(
    refs.map((r) => {
      const spot = spots.get(r.businessId);
      const tail = `…${r.ticketCode.slice(-4)}`;
      return [
        r.id,
        { zh: `${spot?.zh ?? ''} ${r.day} ${tail}`.trim(), en: `${spot?.en ?? ''} ${r.day} ${tail}`.trim() },
      ];
    }),
  );
};

/** Each object type the audit log names, answered by the module that owns it. */
export function auditLookups(): TAuditLookups {
  const persons = async (db: TExecutor, ids: string[]) =>
    new Map(
      ids.length
        ? (await userLabelsByIds(db, ids)).map((u) => [u.id, { displayName: u.displayName, username: u.username }])
        : [],
    );
  return {
    persons,
    objects: {
      user: userObjects(persons),
      work_order: async (db, ids) =>
        new Map([...(await workOrderRefsByIds(db, ids))].map(([id, r]) => [id, labels.trackingNo(r)])),
      business: businessNames,
      spot: businessNames,
      scenic_spot: businessNames,
      department: byName(departmentNamesByIds, labels.named),
      grid: byName(gridNamesByIds, labels.grid),
      practitioner: byName(practitionerRefsByIds, labels.practitioner),
      booking: bookingLabels,
      return_request: byName(returnTrackingNosByIds, labels.trackingNo),
      station: byName(stationNamesByIds, labels.named),
      route: byName(routeNamesByIds, labels.named),
    },
  };
}
