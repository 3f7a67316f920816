import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { maskName } from '../../platform/mask.js';
import { sessionCache } from '../accounts/index.js';
import { anonymiseText } from '../work-orders/index.js';
import * as store from './privacy.store.js';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export type TMyData = Awaited<ReturnType<TPrivacyService['collect']>>;

/**
 * The tourist's rights over their own data (PIPL arts. 45 and 47): a copy of everything the platform holds on
 * them, and deletion. Both act on the signed-in tourist alone — no id is taken from the request — and both are
 * audited.
 */
export function createPrivacyService(deps: {
  db: TDb;
  clock: TClock;
  ownWorkOrders: (actor: TActor) => Promise<unknown[]>;
}) {
  const { db, clock } = deps;

  async function collect(actor: TActor) {
    const userId = actor.id;
    const account = userId ? await store.ownAccount(db, userId) : undefined;
    if (!userId || !account) throw notFound();
    const [bookings, visitors, ratings, returns, workOrders] = await Promise.all([
      store.ownBookings(db, userId),
      store.ownBookingVisitors(db, userId),
      store.ownRatings(db, userId),
      store.ownReturns(db, userId),
      deps.ownWorkOrders(actor),
    ]);
    return {
      exportedAt: clock.now().toISOString(),
      account: {
        phone: account.phone,
        email: account.email,
        displayName: account.display_name,
        consentVersion: account.consent_version,
        consentAt: iso(account.consent_at),
        createdAt: iso(account.created_at),
      },
      workOrders,
      bookings: bookings.map((b) => ({
        spot: b.spot_name,
        spotEn: b.spot_name_en,
        day: b.day,
        startsAt: iso(b.starts_at),
        endsAt: iso(b.ends_at),
        partySize: b.party_size,
        status: b.status,
        createdAt: iso(b.created_at),
        cancelledAt: iso(b.cancelled_at),
        checkedInAt: iso(b.checked_in_at),
        // The companions are other people: their names and ID numbers leave only masked.
        visitors: visitors
          .filter((v) => v.booking_id === b.id)
          .map((v) => ({ name: maskName(v.name), idNumber: v.id_number_masked })),
      })),
      ratings: ratings.map((r) => ({
        targetType: r.target_type,
        // A practitioner rated is a person: named masked, as on every public screen.
        target: r.target_type === 'practitioner' ? maskName(r.target_name) : r.target_name,
        targetEn: r.target_type === 'practitioner' ? null : r.target_name_en,
        day: r.day,
        overall: r.overall,
        scores: r.scores,
        comment: r.comment,
        createdAt: iso(r.created_at),
      })),
      returns: returns.map((r) => ({
        trackingNo: r.tracking_no,
        business: r.business_name,
        businessEn: r.business_name_en,
        item: r.item,
        goodsCategory: r.goods_category,
        amountYuan: r.amount_fen / 100,
        purchasedOn: r.purchased_on,
        reason: r.reason,
        status: r.status,
        shopNote: r.shop_note,
        compensationYuan: r.compensation_fen === null ? null : r.compensation_fen / 100,
        createdAt: iso(r.created_at),
      })),
    };
  }

  return {
    collect,
    /** A copy of the tourist's data; the export itself is audited (what was taken, not the content). */
    async exportData(actor: TActor, format: 'json' | 'xlsx') {
      const data = await collect(actor);
      await db.transaction((tx) =>
        writeAudit(tx, actor, {
          action: 'privacy.export',
          objectType: 'user',
          objectId: actor.id,
          after: {
            format,
            workOrders: data.workOrders.length,
            bookings: data.bookings.length,
            ratings: data.ratings.length,
            returns: data.returns.length,
          },
        }),
      );
      return data;
    },

    /**
     * Deletes the account: its phone and name, its companions' names and ID numbers, its sessions and codes. The
     * case records (work orders, ratings, returns) stay, as the prefecture must keep them, unlinkable to the
     * person: the account row holds nothing personal any more, and the texts lose the phone and name the tourist
     * left in them. Refused while a booking is still to be used, so no place stays taken by nobody.
     */
    async deleteAccount(actor: TActor) {
      const userId = actor.id;
      if (!userId) throw notFound();
      await db.transaction(async (tx) => {
        const account = await store.ownAccount(tx, userId);
        if (!account) throw notFound();
        if ((await store.upcomingBookingCount(tx, userId, clock.now())) > 0)
          throw new AppError('account_has_bookings', 409);
        const known = { names: [account.display_name], phones: [account.phone] };
        const a = (s: string | null) => (s ? anonymiseText(s, known) : s);
        const texts = await store.ownTexts(tx, userId);
        const erased = await store.eraseTourist(tx, userId, account.phone, {
          workOrders: texts.workOrders.map((w) => ({
            id: w.id,
            text: anonymiseText(w.text, known),
            answer: a(w.answer),
            satisfactionReason: a(w.satisfaction_reason),
          })),
          events: texts.events.map((e) => ({ id: e.id, note: anonymiseText(e.note, known) })),
          ratings: texts.ratings.map((r) => ({ id: r.id, comment: anonymiseText(r.comment, known) })),
          returns: texts.returns.map((r) => ({ id: r.id, reason: a(r.reason), shopNote: a(r.shop_note) })),
        });
        await writeAudit(tx, actor, {
          action: 'privacy.delete_account',
          objectType: 'user',
          objectId: userId,
          after: {
            workOrdersKept: texts.workOrders.length,
            ratingsKept: texts.ratings.length,
            returnsKept: texts.returns.length,
            visitorsErased: erased.visitors,
          },
        });
      });
      // This process's cached copy of the session goes now, after the commit (a request between a forget inside
      // the transaction and the commit could cache it again); other processes hear it through zl_auth.
      sessionCache.forgetUser(userId);
    },
  };
}
export type TPrivacyService = ReturnType<typeof createPrivacyService>;
