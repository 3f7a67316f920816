import { GOODS_CATEGORIES, RETURN_RULE_MESSAGES } from '@zhilv/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../platform/messages.js';
import {
  calendarDaysBetween,
  checkEligibility,
  checkReturnWindow,
  compensationAllowed,
  DEFAULT_RETURN_RULES,
  excludedBy,
  fieldOf,
  goodsRule,
  ordinaryCompensationRule,
  RETURN_WINDOW_DAYS,
  refundDueAt,
  refundRemindAt,
  shanghaiDay,
  shopDecision,
  shopDueAt,
  shopMayAnswer,
} from './returns.rules.js';

const at = (iso: string) => new Date(iso);
/** What the seeded catalogue (migration 0026, from GOODS_CATEGORIES) says of a code. */
const goodsOf = (code: string) => {
  const c = GOODS_CATEGORIES.find((x) => x.code === code);
  return c ? { inScope: !c.excludedBy, excludedBy: c.excludedBy } : null;
};
const signed = at('2020-01-01T00:00:00Z');
const ok = { goods: goodsOf('crafts'), businessKind: 'shop', pledgeSignedAt: signed };
const input = (purchasedOn: string, goodsCategory: string, businessKind = 'shop') => ({
  purchasedOn,
  goods: goodsOf(goodsCategory),
  businessKind,
  pledgeSignedAt: signed,
});
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('the 30-day window (calendar days in Asia/Shanghai)', () => {
  it('day 30 is in, day 31 is out, the purchase day itself is in, a future day is refused', () => {
    expect(checkReturnWindow('2026-11-01', '2026-12-01')).toBeNull(); // 30 days
    expect(checkReturnWindow('2026-11-01', '2026-12-02')).toBe('return_window_passed'); // 31 days
    expect(checkReturnWindow('2026-11-23', '2026-11-23')).toBeNull();
    expect(checkReturnWindow('2026-11-24', '2026-11-23')).toBe('return_purchase_in_future');
  });

  it('takes the request day in Shanghai: 23:30 UTC is already the next day there', () => {
    expect(shanghaiDay(at('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(shanghaiDay(at('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
    // Bought 1 Nov; filed at 2026-12-01 17:00 UTC = 2 Dec 01:00 in Lijiang → day 31 → refused.
    expect(checkEligibility({ ...ok, purchasedOn: '2026-11-01' }, at('2026-12-01T15:00:00Z'))).toBeNull();
    expect(checkEligibility({ ...ok, purchasedOn: '2026-11-01' }, at('2026-12-01T17:00:00Z'))).toBe(
      'return_window_passed',
    );
  });

  it('crosses month and year ends and leap days by calendar', () => {
    expect(calendarDaysBetween('2027-12-31', '2028-01-30')).toBe(30);
    expect(calendarDaysBetween('2028-02-01', '2028-03-02')).toBe(30); // 2028 is a leap year
    expect(checkReturnWindow('2028-02-01', '2028-03-02')).toBeNull();
    expect(checkReturnWindow('2027-02-01', '2027-03-04')).toBe('return_window_passed');
  });

  it('property: refused exactly when the gap is negative or over 30 days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -400, max: 400 }), (base, gap) => {
        const purchased = addDays('2000-01-01', base);
        const request = addDays(purchased, gap);
        const rule = checkReturnWindow(purchased, request);
        if (gap < 0) return rule === 'return_purchase_in_future';
        if (gap > RETURN_WINDOW_DAYS) return rule === 'return_window_passed';
        return rule === null;
      }),
    );
  });

  it('property: eligibility by instant agrees with the day rule on the Shanghai day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -5, max: 40 }),
        (now, back) => {
          const purchasedOn = addDays(shanghaiDay(now), -back);
          const r = checkEligibility({ ...ok, purchasedOn }, now);
          return r === (back < 0 ? 'return_purchase_in_future' : back > 30 ? 'return_window_passed' : null);
        },
      ),
    );
  });
});

describe('goods and businesses', () => {
  it('excluded categories name their rule; returnable ones none', () => {
    expect(excludedBy('fresh_food')).toBe('return_excluded_perishable');
    expect(excludedBy('custom_made')).toBe('return_excluded_custom');
    expect(excludedBy('opened_hygiene')).toBe('return_excluded_hygiene');
    expect(excludedBy('buyer_damaged')).toBe('return_excluded_damaged');
    expect(excludedBy('digital')).toBe('return_excluded_digital');
    expect(excludedBy('used_ticket_service')).toBe('return_excluded_used_service');
    expect(excludedBy('silver_jewelry')).toBeNull();
  });

  it('every rule has zh and en words, in the API messages too; every category has both names and a known rule', () => {
    for (const [code, m] of Object.entries(RETURN_RULE_MESSAGES)) {
      expect(m.zh.length).toBeGreaterThan(4);
      expect(m.en.length).toBeGreaterThan(4);
      expect((MESSAGES as Record<string, unknown>)[code]).toEqual(m);
    }
    const codes = new Set(GOODS_CATEGORIES.map((c) => c.code));
    expect(codes.size).toBe(GOODS_CATEGORIES.length);
    for (const c of GOODS_CATEGORIES) {
      expect(c.zh && c.en).toBeTruthy();
      if (c.excludedBy) expect(RETURN_RULE_MESSAGES[c.excludedBy]).toBeDefined();
    }
  });

  it('only shops take no-reason returns; the business is named before dates and goods', () => {
    const now = at('2026-11-23T04:00:00Z');
    for (const kind of [
      'scenic_spot',
      'hotel',
      'homestay',
      'travel_agency',
      'restaurant',
      'transport',
      'online_operator',
    ])
      expect(checkEligibility(input('2020-01-01', 'fresh_food', kind), now)).toBe('return_business_not_shop');
    // A date problem is named before an excluded category.
    expect(checkEligibility(input('2020-01-01', 'fresh_food'), now)).toBe('return_window_passed');
    expect(checkEligibility(input('2026-11-20', 'fresh_food'), now)).toBe('return_excluded_perishable');
  });

  it('a shop must have signed the return pledge, before the request; kind = shop is not enough', () => {
    const now = at('2026-11-23T04:00:00Z');
    const base = input('2026-11-20', 'crafts');
    expect(checkEligibility(base, now)).toBeNull();
    expect(checkEligibility({ ...base, pledgeSignedAt: null }, now)).toBe('return_no_pledge');
    expect(checkEligibility({ ...base, pledgeSignedAt: new Date(now.getTime() + 1) }, now)).toBe('return_no_pledge');
    expect(checkEligibility({ ...base, pledgeSignedAt: now }, now)).toBeNull();
    // the pledge is asked after the kind, before dates and goods
    expect(checkEligibility({ ...input('2020-01-01', 'fresh_food'), pledgeSignedAt: null }, now)).toBe(
      'return_no_pledge',
    );
    expect(fieldOf('return_no_pledge')).toBe('businessId');
  });

  it('goods: in the catalogue and in scope; out of scope by its own rule or the general one; unknown refused', () => {
    expect(goodsRule({ inScope: true, excludedBy: null })).toBeNull();
    expect(goodsRule({ inScope: false, excludedBy: 'return_excluded_custom' })).toBe('return_excluded_custom');
    expect(goodsRule({ inScope: false, excludedBy: null })).toBe('return_goods_out_of_scope');
    expect(goodsRule(null)).toBe('return_goods_unknown');
    // the admin moved tea out of scope: refused although the default list has it in
    const now = at('2026-11-23T04:00:00Z');
    expect(checkEligibility({ ...input('2026-11-20', 'tea'), goods: { inScope: false, excludedBy: null } }, now)).toBe(
      'return_goods_out_of_scope',
    );
    expect(fieldOf('return_goods_unknown')).toBe('goodsCategory');
    expect(fieldOf('return_excluded_hygiene')).toBe('goodsCategory');
    expect(fieldOf('return_window_passed')).toBe('purchasedOn');
  });

  it('the default catalogue has the jewellery, jade, tea, silk, handicrafts and specialities in scope', () => {
    for (const code of ['silver_jewelry', 'jade_gems', 'tea', 'silk', 'handicrafts', 'packaged_specialty'])
      expect(goodsOf(code)?.inScope).toBe(true);
    for (const code of ['fresh_food', 'custom_made', 'opened_hygiene']) expect(goodsOf(code)?.inScope).toBe(false);
  });

  it('property: a returnable category at a shop within the window is always eligible', () => {
    const returnable = GOODS_CATEGORIES.filter((c) => !c.excludedBy).map((c) => c.code);
    fc.assert(
      fc.property(fc.constantFrom(...returnable), fc.integer({ min: 0, max: 30 }), (goodsCategory, back) => {
        const now = at('2026-11-23T04:00:00Z');
        return checkEligibility(input(addDays('2026-11-23', -back), goodsCategory), now) === null;
      }),
    );
  });
});

describe('the shop deadline and the outcome', () => {
  it('is the local rule’s hours after filing (72 by default); the due instant itself is still in time', () => {
    const filed = at('2026-11-23T10:15:00Z');
    const due = shopDueAt(filed, DEFAULT_RETURN_RULES);
    expect(DEFAULT_RETURN_RULES.shopAnswerHours).toBe(72);
    expect(due.toISOString()).toBe('2026-11-26T10:15:00.000Z');
    expect(shopMayAnswer(due, due)).toBe(true);
    expect(shopMayAnswer(due, new Date(due.getTime() + 1))).toBe(false);
    expect(shopDueAt(filed, { shopAnswerHours: 24 }).toISOString()).toBe('2026-11-24T10:15:00.000Z');
  });

  it('property: the refund is due the rule’s hours after the acceptance; the reminder comes before it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2035-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 720 }),
        (accepted, refundHours) => {
          const due = refundDueAt(accepted, { refundHours });
          const remind = refundRemindAt(accepted, due);
          return (
            due.getTime() - accepted.getTime() === refundHours * 3_600_000 &&
            remind.getTime() > accepted.getTime() &&
            remind.getTime() < due.getTime()
          );
        },
      ),
    );
  });

  it('advance compensation on an ordinary order: complaints on file only; a return’s order uses the request', () => {
    expect(ordinaryCompensationRule({ kind: 'complaint', status: 'handling' }, false)).toBeNull();
    expect(ordinaryCompensationRule({ kind: 'complaint', status: 'closed' }, false)).toBeNull();
    expect(ordinaryCompensationRule({ kind: 'complaint', status: 'unfounded' }, false)).toBe(
      'compensation_not_complaint',
    );
    expect(ordinaryCompensationRule({ kind: 'complaint', status: 'merged' }, false)).toBe('compensation_not_complaint');
    expect(ordinaryCompensationRule({ kind: 'suggestion', status: 'handling' }, false)).toBe(
      'compensation_not_complaint',
    );
    expect(ordinaryCompensationRule({ kind: 'complaint', status: 'handling' }, true)).toBe('compensation_use_return');
  });

  it('reads the shop decision from the columns', () => {
    const d = at('2026-11-23T00:00:00Z');
    expect(shopDecision({ status: 'submitted', shopAnsweredAt: null })).toBeNull();
    expect(shopDecision({ status: 'accepted', shopAnsweredAt: d })).toBe('accepted');
    expect(shopDecision({ status: 'escalated', shopAnsweredAt: d })).toBe('refused');
    expect(shopDecision({ status: 'escalated', shopAnsweredAt: null })).toBe('silence');
    expect(shopDecision({ status: 'compensated', shopAnsweredAt: null })).toBe('silence');
    expect(shopDecision({ status: 'refunded', shopAnsweredAt: d, outcome: 'refund' })).toBe('accepted');
    // accepted, then not refunded in time: escalated, but the shop's decision was an acceptance
    expect(shopDecision({ status: 'escalated', shopAnsweredAt: d, outcome: 'exchange' })).toBe('accepted');
  });

  it('property: compensation is positive and at most the purchase amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (a, p) => compensationAllowed(a, p) === (a > 0 && a <= p),
      ),
    );
  });
});
