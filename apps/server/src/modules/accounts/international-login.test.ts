import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginTourist, type TTestApp } from '../../test/build-test-app.js';
import { rows } from '../reservations/test-helpers.js';
import { anonymiseText } from '../work-orders/anonymise.js';

/** Issue 18 §1: visitors from Hong Kong, Macao, Taiwan and abroad sign in and use the suggestion box. */

let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
}, 60_000);
afterAll(() => t.close());

const send = (payload: object) => t.app.inject({ method: 'POST', url: '/api/auth/code', payload });
const login = (payload: object) => t.app.inject({ method: 'POST', url: '/api/auth/tourist-login', payload });

describe('international numbers and the e-mail channel', () => {
  it('a Hong Kong visitor signs in with +852; the number is stored in E.164 and shown masked', async () => {
    const sent = await send({ phone: '+852 6123 4567' });
    expect(sent.statusCode).toBe(200);
    const [sms] = await rows(t.database.db, `select phone, channel from sms_outbox where phone = '+85261234567'`);
    expect(sms).toMatchObject({ channel: 'sms' });
    const res = await login({ phone: '+85261234567', code: sent.json().demoCode });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'tourist', phoneMasked: '+852****4567' });
    // the same visitor typing the number another way is the same account
    const again = await login({
      phone: '+852 6123-4567',
      code: (await send({ phone: '+85261234567' })).json().demoCode,
    });
    expect(again.json().id).toBe(res.json().id);
  });

  it('Macao, Taiwan and a British number; a mainland number with +86 is the mainland account', async () => {
    for (const [phone, masked] of [
      ['+853 6612 3456', '+853****3456'],
      ['+886 912 345 678', '+886****5678'],
      ['+44 7700 900123', '+44****0123'],
      ['+86 139 0000 7788', '139****7788'],
    ]) {
      const s = await loginTourist(t.app, phone, false);
      const me = await s.inject({ method: 'GET', url: '/api/auth/me' });
      expect(me.json().phoneMasked, phone).toBe(masked);
    }
  });

  it('refuses numbers that break their country’s format with the field named', async () => {
    for (const phone of ['+852 1234 5678', '+853 2812 3456', '+1 123 555 2671', '91234567']) {
      const res = await send({ phone });
      expect(res.statusCode, phone).toBe(400);
      expect(res.json().field).toBe('phone');
    }
  });

  it('the code by e-mail signs in the account of that address; a phone’s code does not open it', async () => {
    const sent = await send({ email: 'Visitor.From@Example.org' });
    expect(sent.statusCode).toBe(200);
    const [mail] = await rows(
      t.database.db,
      `select channel, text from sms_outbox where phone = 'visitor.from@example.org'`,
    );
    expect(mail).toMatchObject({ channel: 'email' });
    const code = sent.json().demoCode;
    expect((await login({ phone: '+85261234567', code })).statusCode).toBe(401);
    const res = await login({ email: 'visitor.from@example.org', code });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().role).toBe('tourist');
    expect((await login({ email: 'visitor.from@example.org', code })).statusCode).toBe(401); // single use
    expect((await send({ email: 'visitor.from@example.org', phone: '+85261234567' })).statusCode).toBe(400);
  });

  it('the suggestion box takes a +852 contact number', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders/suggestion-box',
      payload: { text: '古城里的指示牌可以加上英文和繁体中文吗？', contactPhone: '+852 9123 4567' },
      headers: { 'idempotency-key': 'sb-hk-1' },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/work-orders/suggestion-box',
      payload: { text: '建议', contactPhone: '+852 1234' },
      headers: { 'idempotency-key': 'sb-hk-2' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the public-page anonymiser masks numbers from everywhere and passport numbers', () => {
  it('masks +852/+44 numbers, local Hong Kong numbers, known foreign numbers, passports and permits', () => {
    const text =
      '我是香港游客，电话 +852 9123 4567，也可以打 6123 4567；英国朋友 +44 7700 900123。护照号 533456789，' +
      '回乡证 H12345678，另一本护照 E12345678，香港身份证 A123456(7)。';
    const out = anonymiseText(text, { phones: ['+85298765432'] });
    for (const s of ['9123', '6123 4567', '7700', '533456789', 'H12345678', 'E12345678', 'A123456'])
      expect(out).not.toContain(s);
    expect(anonymiseText('请回电 9876 5432', { phones: ['+85298765432'] })).toBe('请回电 [电话]');
    // ordinary numbers stay: prices, dates, times
    expect(anonymiseText('门票 120 元，2026 年 10 月 1 日 9:30 入园')).toBe(
      '门票 120 元，2026 年 10 月 1 日 9:30 入园',
    );
  });
});
