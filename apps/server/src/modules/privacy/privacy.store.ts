import { sql } from 'drizzle-orm';
import { rowsOf, type TExecutor } from '../../db/client.js';

/**
 * The one place that reads and erases a tourist's records across modules, for the PIPL rights of access and
 * deletion (个人信息查阅、复制与删除). Every query is bound to one tourist's id: there is no other parameter.
 */

export type TOwnBooking = {
  id: string;
  spot_name: string;
  spot_name_en: string | null;
  day: string;
  starts_at: Date | string;
  ends_at: Date | string;
  party_size: number;
  status: string;
  created_at: Date | string;
  cancelled_at: Date | string | null;
  checked_in_at: Date | string | null;
};
export const ownBookings = async (db: TExecutor, userId: string) =>
  rowsOf<TOwnBooking>(
    await db.execute(sql`
      select k.id, b.name as spot_name, b.name_en as spot_name_en, k.day::text as day, s.starts_at, s.ends_at,
        k.party_size, k.status, k.created_at, k.cancelled_at, k.checked_in_at
      from bookings k join time_slots s on s.id = k.slot_id join businesses b on b.id = k.business_id
      where k.tourist_user_id = ${userId} order by s.starts_at desc`),
  );

/** The named visitors of the tourist's bookings: other people's data, read only to be shown masked. */
export const ownBookingVisitors = async (db: TExecutor, userId: string) =>
  rowsOf<{ booking_id: string; name: string; id_number_masked: string }>(
    await db.execute(sql`
      select v.booking_id, v.name, v.id_number_masked from booking_visitors v
      join bookings k on k.id = v.booking_id where k.tourist_user_id = ${userId} order by v.id`),
  );

export type TOwnRating = {
  id: string;
  target_type: string;
  target_name: string | null;
  target_name_en: string | null;
  day: string;
  overall: number;
  scores: Record<string, number>;
  comment: string | null;
  created_at: Date | string;
};
export const ownRatings = async (db: TExecutor, userId: string) =>
  rowsOf<TOwnRating>(
    await db.execute(sql`
      select r.id, r.target_type, coalesce(b.name, s.name, p.name) as target_name,
        coalesce(b.name_en, s.name_en) as target_name_en, r.day::text as day, r.overall, r.scores, r.comment,
        r.created_at
      from ratings r
        left join businesses b on r.target_type = 'business' and b.id = r.target_id
        left join stations s on r.target_type = 'station' and s.id = r.target_id
        left join practitioners p on r.target_type = 'practitioner' and p.id = r.target_id
      where r.tourist_user_id = ${userId} order by r.created_at desc`),
  );

export type TOwnReturn = {
  tracking_no: string;
  business_name: string;
  business_name_en: string | null;
  item: string;
  goods_category: string;
  amount_fen: number;
  purchased_on: string;
  reason: string | null;
  status: string;
  shop_note: string | null;
  compensation_fen: number | null;
  created_at: Date | string;
};
export const ownReturns = async (db: TExecutor, userId: string) =>
  rowsOf<TOwnReturn>(
    await db.execute(sql`
      select r.tracking_no, b.name as business_name, b.name_en as business_name_en, r.item, r.goods_category,
        r.amount_fen, r.purchased_on::text as purchased_on, r.reason, r.status, r.shop_note, r.compensation_fen,
        r.created_at
      from return_requests r join businesses b on b.id = r.business_id
      where r.tourist_user_id = ${userId} order by r.created_at desc`),
  );

/** Bookings still to be used: an account is not deleted under them (the places would stay taken). */
export const upcomingBookingCount = async (db: TExecutor, userId: string, now: Date) =>
  rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from bookings k join time_slots s on s.id = k.slot_id
      where k.tourist_user_id = ${userId} and k.status = 'booked' and s.ends_at > ${now.toISOString()}::timestamptz`),
  )[0].n;

/** The free texts a tourist wrote or was answered in, to be anonymised on deletion. */
export const ownTexts = async (db: TExecutor, userId: string) => ({
  workOrders: rowsOf<{ id: string; text: string; answer: string | null; satisfaction_reason: string | null }>(
    await db.execute(
      sql`select id, text, answer, satisfaction_reason from work_orders where reporter_user_id = ${userId} for update`,
    ),
  ),
  events: rowsOf<{ id: number; note: string }>(
    await db.execute(sql`
      select e.id, e.note from work_order_events e join work_orders w on w.id = e.work_order_id
      where w.reporter_user_id = ${userId} and e.note is not null`),
  ),
  ratings: rowsOf<{ id: string; comment: string }>(
    await db.execute(
      sql`select id, comment from ratings where tourist_user_id = ${userId} and comment is not null for update`,
    ),
  ),
  returns: rowsOf<{ id: string; reason: string | null; shop_note: string | null }>(
    await db.execute(
      sql`select id, reason, shop_note from return_requests where tourist_user_id = ${userId} for update`,
    ),
  ),
});

export async function eraseTourist(
  tx: TExecutor,
  userId: string,
  phone: string | null,
  texts: {
    workOrders: { id: string; text: string; answer: string | null; satisfactionReason: string | null }[];
    events: { id: number; note: string }[];
    ratings: { id: string; comment: string }[];
    returns: { id: string; reason: string | null; shopNote: string | null }[];
  },
) {
  for (const w of texts.workOrders)
    await tx.execute(sql`update work_orders set text = ${w.text}, answer = ${w.answer},
      satisfaction_reason = ${w.satisfactionReason}, contact_phone = null where id = ${w.id}`);
  for (const e of texts.events) await tx.execute(sql`update work_order_events set note = ${e.note} where id = ${e.id}`);
  for (const r of texts.ratings) await tx.execute(sql`update ratings set comment = ${r.comment} where id = ${r.id}`);
  for (const r of texts.returns)
    await tx.execute(
      sql`update return_requests set reason = ${r.reason}, shop_note = ${r.shopNote} where id = ${r.id}`,
    );
  // Companions' names and ID numbers go; the hash is replaced by a value unique to the row (the one-visitor-a-day
  // index must still hold) that no ID number hashes to.
  const visitors = await tx.execute(sql`
    update booking_visitors v set name = '已注销', id_number_cipher = '', id_number_masked = '******', nationality = null,
      id_number_hash = 'erased:' || v.id::text, active = false
    from bookings k where k.id = v.booking_id and k.tourist_user_id = ${userId} returning v.id`);
  if (phone) await tx.execute(sql`delete from otp_codes where phone = ${phone}`);
  // A tourist who signed in by e-mail (issue 18): the address and its codes go too (otp_codes.phone holds it).
  await tx.execute(sql`delete from otp_codes where phone = (select email from users where id = ${userId})`);
  await tx.execute(sql`delete from sessions where user_id = ${userId}`);
  await tx.execute(sql`update users set phone = null, email = null, display_name = '已注销用户 Deleted user', disabled = true,
    consent_version = null, consent_at = null where id = ${userId}`);
  return { visitors: rowsOf(visitors).length };
}

export const ownAccount = async (db: TExecutor, userId: string) =>
  rowsOf<{
    phone: string | null;
    email: string | null;
    display_name: string;
    consent_version: string | null;
    consent_at: Date | string | null;
    created_at: Date | string;
  }>(
    await db.execute(sql`
      select phone, email, display_name, consent_version, consent_at, created_at from users
      where id = ${userId} and role = 'tourist' and not disabled`),
  )[0];
