import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TSession, type TTestApp } from '../test/build-test-app.js';

/**
 * Consent and Idempotency-Key as route configuration (`config: { consent, idempotent }`), handled once by the
 * submissions plugin: every phone submission gives the same refusals, after its body was validated, before the
 * service runs (the bodies below are well-formed but name nothing that exists: the refusal comes first).
 */
let t: TTestApp;
let fresh: TSession;
let consented: TSession;

const SUBMISSIONS = [
  {
    url: '/api/work-orders',
    key: 'optional',
    body: { kind: 'complaint', text: '在古城一家银器店被强迫购物，要求退款。' },
  },
  {
    url: '/api/returns',
    key: 'optional',
    body: {
      businessId: randomUUID(),
      item: '银手镯',
      goodsCategory: 'silver_jewelry',
      amountFen: 10000,
      purchasedOn: '2026-11-30',
      reason: '不想要了',
      receiptFileId: randomUUID(),
      invoiceNo: 'R-1',
    },
  },
  { url: '/api/ratings', key: 'required', body: { code: 'ABCDEFGH23', scores: { service: 5 } } },
  {
    url: '/api/reservations/bookings',
    key: 'required',
    body: { slotId: randomUUID(), visitors: [{ name: '张三', idNumber: '110101199003074514' }] },
  },
] as const;

beforeAll(async () => {
  t = await buildTestApp();
  fresh = await loginTourist(t.app, '13700000091', false);
  consented = await loginTourist(t.app, '13700000092');
});
afterAll(() => t.close());

describe('phone submissions declared by route configuration', () => {
  it.each(SUBMISSIONS)('$url: a tourist who has not accepted the privacy notice is refused', async ({ url, body }) => {
    const res = await fresh.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'idempotency-key': 'key-12345678' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('consent_required');
  });

  it.each(SUBMISSIONS)(
    '$url: an Idempotency-Key of the wrong shape is refused with its field',
    async ({ url, body }) => {
      const res = await consented.inject({
        method: 'POST',
        url,
        payload: body,
        headers: { 'idempotency-key': 'bad key!' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: 'Idempotency-Key' });
    },
  );

  it.each(SUBMISSIONS)(
    '$url: a missing key is refused only where the route requires one',
    async ({ url, body, key }) => {
      const res = await consented.inject({ method: 'POST', url, payload: body });
      if (key === 'required')
        expect(res.json()).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
      else expect(res.json().code).not.toBe('idempotency_key_required');
    },
  );

  it('the OpenAPI document names the header on each of them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, { post?: { parameters?: { in: string; name: string }[] } }>;
    for (const { url } of SUBMISSIONS) {
      const names = (paths[url]?.post?.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect(names, url).toContain('idempotency-key');
    }
  });
});
