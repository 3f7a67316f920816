import type { TWorkOrderStatus } from '@zhilv/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser } from '../../test/factories.js';
import { practitioners } from '../master-data/master-data.tables.js';
import { workOrders } from './work-orders.tables.js';

let t: TTestApp;
type TItem = Record<string, unknown> & { id: string; text: string; answer: string | null };
let items: TItem[];
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const dept = await buildDepartment(db);
  const biz = await buildBusiness(db, { name: '束河客栈', nameEn: 'Shuhe Inn', contactName: '赵春梅' });
  const tourist = await buildUser(db, { role: 'tourist', phone: '13712345678', displayName: '钱多多' });
  await db.insert(practitioners).values({ name: '木海燕', kind: 'guide' });
  const at = (d: number) => new Date(Date.UTC(2026, 10, d, 4));
  const rows: {
    key: string;
    status: TWorkOrderStatus;
    text: string;
    answer?: string;
    satisfaction?: string;
    resolvedAt?: Date;
    closedAt?: Date;
  }[] = [
    {
      key: 'closed',
      status: 'closed',
      text: '束河客栈安排的导游木海燕全程玩手机，我叫钱多多，电话13712345678，老板赵春梅不理。',
      answer: '经核实，导游木海燕已被约谈，已联系钱多多本人。',
      satisfaction: 'satisfied',
      resolvedAt: at(20),
      closedAt: at(21),
    },
    {
      key: 'resolved',
      status: 'resolved',
      text: '全程导游讲解生动，特此表扬。',
      answer: '感谢您的表扬。',
      resolvedAt: at(22),
    },
    { key: 'unfounded', status: 'unfounded', text: '司机师傅绕路多收了钱。', closedAt: at(23) },
  ];
  for (const [i, r] of rows.entries()) {
    const [o] = await db
      .insert(workOrders)
      .values({
        trackingNo: `ZL20261120${String(900000 + i)}`,
        kind: 'complaint',
        source: 'portal',
        status: r.status,
        text: r.text,
        answer: r.answer ?? null,
        satisfaction: r.satisfaction ?? null,
        businessId: biz.id,
        departmentId: dept.id,
        reporterUserId: tourist.id,
        resolvedAt: r.resolvedAt ?? null,
        closedAt: r.closedAt ?? null,
        createdAt: at(19),
      })
      .returning({ id: workOrders.id });
    ids[r.key] = o.id;
  }
  const res = await t.app.inject({ method: 'GET', url: '/api/public/work-orders?pageSize=50' });
  expect(res.statusCode).toBe(200);
  items = res.json().items;
});
afterAll(() => t.close());

const item = (key: string) => items.find((i) => i.id === ids[key])!;

describe('public results page', () => {
  it('masks what the system knows as personal and keeps ordinary words', () => {
    const o = item('closed');
    expect(o.text).toBe('束河客栈安排的导游木某全程玩手机，我叫钱某，电话[电话]，老板赵某不理。');
    expect(o.answer).toBe('经核实，导游木某已被约谈，已联系钱某本人。');
    expect(item('resolved').text).toBe('全程导游讲解生动，特此表扬。');
    expect(item('unfounded').text).toBe('司机师傅绕路多收了钱。');
  });

  it('gives an anonymous visitor no rating, and every item its status and the day it was finished', () => {
    for (const o of items) expect(o).not.toHaveProperty('satisfaction');
    expect(item('closed')).toMatchObject({ status: 'closed', finishedAt: '2026-11-20T04:00:00.000Z' });
    expect(item('resolved')).toMatchObject({ status: 'resolved', finishedAt: '2026-11-22T04:00:00.000Z' });
    expect(item('unfounded')).toMatchObject({ status: 'unfounded', finishedAt: '2026-11-23T04:00:00.000Z' });
  });

  it('names the business in English in English mode', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/public/work-orders?pageSize=50',
      headers: { 'accept-language': 'en' },
    });
    expect(res.json().items.find((i: TItem) => i.id === ids.closed).businessName).toBe('Shuhe Inn');
  });
});
