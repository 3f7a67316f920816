import { inArray, sql } from 'drizzle-orm';
import type { TExecutor } from '../../db/client.js';
import { workOrders } from './work-orders.tables.js';

/** What another module may know of an order it linked: number, status and departments (for its own policy). */
export type TWorkOrderRef = {
  id: string;
  trackingNo: string;
  status: string;
  kind: string;
  businessId: string | null;
  reporterUserId: string | null;
  departmentId: string | null;
  coDepartmentIds: string[];
};

export async function getWorkOrderRef(db: TExecutor, id: string): Promise<TWorkOrderRef | null> {
  return (await workOrderRefsByIds(db, [id])).get(id) ?? null;
}

/** The ids of orders a department leads or co-handles, as a subquery another module's list can filter by. */
export const workOrderIdsOfDepartment = (departmentId: string) =>
  sql`(select id from work_orders where department_id = ${departmentId}::uuid or ${departmentId}::uuid = any(co_department_ids))`;

/** Several orders' references at once, for lists that show the linked order and decide what a viewer may do. */
export async function workOrderRefsByIds(db: TExecutor, ids: string[]) {
  if (!ids.length) return new Map<string, TWorkOrderRef>();
  const rows = await db
    .select({
      id: workOrders.id,
      trackingNo: workOrders.trackingNo,
      status: workOrders.status,
      kind: workOrders.kind,
      businessId: workOrders.businessId,
      reporterUserId: workOrders.reporterUserId,
      departmentId: workOrders.departmentId,
      coDepartmentIds: workOrders.coDepartmentIds,
    })
    .from(workOrders)
    .where(inArray(workOrders.id, ids));
  return new Map<string, TWorkOrderRef>(rows.map((r) => [r.id, r]));
}
