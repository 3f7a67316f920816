import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, SMS_TEMPLATE_LABELS, type TAuditRow } from '@zhilv/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../db/client.js';
import { buildTestApp, loginStaff, loginTourist, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';

const SRC = new URL('../../', import.meta.url).pathname;
const CJK = /[\u4e00-\u9fa5]/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the audit action catalogue', () => {
  it('names every action in Chinese and English', () => {
    for (const [code, n] of Object.entries({ ...AUDIT_ACTIONS, ...AUDIT_OBJECT_TYPES })) {
      expect(n.zh, code).toMatch(CJK);
      expect(n.en.length, code).toBeGreaterThan(2);
      expect(n.en, code).not.toMatch(CJK);
    }
  });

  it('knows every action code the server writes (found in its source)', () => {
    const found = new Set<string>();
    const templates = new Set<string>();
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      if (!/platform\/audit\.js'/.test(text) && !file.endsWith('sla-sweeper.ts')) continue;
      // a code on a line that sets an audit entry's action, or a ternary choosing one
      for (const line of text.split('\n')) {
        if (!/action/.test(line)) continue;
        for (const m of line.matchAll(/'([a-z_]+(?:\.[a-z_0-9]+)+)'/g)) found.add(m[1]);
        for (const m of line.matchAll(/`([a-z_]+\.[a-z_]*)\$\{/g)) templates.add(m[1]);
      }
    }
    expect(found.size).toBeGreaterThan(40);
    const known = new Set(Object.keys(AUDIT_ACTIONS));
    expect([...found].filter((c) => !known.has(c))).toEqual([]);
    // a code built from a template (work_order.${action}, sla.overdue_${clock}) has names under its prefix
    for (const prefix of templates)
      expect(
        [...known].some((k) => k.startsWith(prefix)),
        prefix,
      ).toBe(true);
  });
});

describe('the SMS template names', () => {
  it('names every template the server sends', () => {
    const found = new Set<string>();
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/sms\.send\(\s*[\w.]+,\s*[\w.]+,\s*'([a-z_]+)'/g)) found.add(m[1]);
      for (const m of text.matchAll(/toTourist\(\s*c,\s*'([a-z_]+)'/g)) found.add(m[1]);
      // returns: return_<what> for each answer the tourist is told (TOLD in returns.escalation.ts)
      if (file.endsWith('returns.escalation.ts')) {
        const told = text.slice(text.indexOf('const TOLD = {'), text.indexOf('} as const;'));
        for (const m of told.matchAll(/^ {2}([a-z_]+): \{/gm)) found.add(`return_${m[1]}`);
      }
    }
    expect(found.size).toBeGreaterThanOrEqual(8);
    expect([...found].filter((c) => !(c in SMS_TEMPLATE_LABELS))).toEqual([]);
  });
});

let t: TTestApp;
let auditor: TSession;
let admin: TSession;
let dispatcher: TSession;
beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  const login = async (role: Parameters<typeof buildUser>[1]['role'], displayName: string) =>
    loginStaff(t.app, (await buildUser(db, { role, displayName })).username!, TEST_PASSWORD);
  auditor = await login('audit_admin', '审计员甲');
  admin = await login('system_admin', '管理员乙');
  dispatcher = await login('dispatcher', '调度员丙');
});
afterAll(() => t.close());

const read = async (q: string) => {
  const res = await auditor.inject({ method: 'GET', url: `/api/audit-logs?${q}` });
  expect(res.statusCode).toBe(200);
  return res.json().items as TAuditRow[];
};

describe('the audit log as people read it', () => {
  it('names the person, the object and the action; every code written by real flows has a name', async () => {
    const db = t.database.db;
    const dept = await buildDepartment(db, { name: '审计测试局', nameEn: 'Audit Test Bureau' });
    const biz = await buildBusiness(db, { name: '审计测试银器店', nameEn: 'Audit Test Silver Shop' });
    const tourist = await loginTourist(t.app, '13200000077');
    const filed = await tourist.inject({
      method: 'POST',
      url: '/api/work-orders',
      payload: { kind: 'complaint', text: '银器店强迫购物，不买不让走。', businessId: biz.id },
    });
    expect(filed.statusCode).toBe(201);
    const order = filed.json();
    const dispatched = await dispatcher.inject({
      method: 'POST',
      url: `/api/work-orders/${order.id}/dispatch`,
      payload: { departmentId: dept.id, note: '请核查' },
    });
    expect(dispatched.statusCode).toBe(200);
    const put = await admin.inject({
      method: 'PUT',
      url: `/api/departments/${dept.id}`,
      payload: { code: dept.code, name: '审计测试局', nameEn: 'Audit Test Bureau', kind: 'bureau', active: true },
    });
    expect(put.statusCode).toBe(200);

    const [d] = await read('action=work_order.dispatch');
    expect(d).toMatchObject({
      actor: { displayName: '调度员丙' },
      actionName: { zh: '派单', en: 'Dispatched' },
      objectTypeName: { zh: '工单', en: 'Work order' },
      objectLabel: { zh: order.trackingNo, en: order.trackingNo },
    });
    expect(d.actor?.username).toMatch(/\w+/);
    const [dep] = await read('action=department.update');
    expect(dep).toMatchObject({
      actor: { displayName: '管理员乙' },
      objectLabel: { zh: '审计测试局', en: 'Audit Test Bureau' },
    });
    const [login] = await read(`action=auth.login&actorId=${dispatcher.userId}`);
    expect(login.actionName).toEqual({ zh: '登录', en: 'Signed in' });
    expect(login.objectLabel?.zh).toMatch(/\(.+\)$/); // "display name (username)"
    // the tourist is named as the app names them, never by their phone number
    const [sub] = await read('action=work_order.submit');
    expect(JSON.stringify(sub)).not.toContain('13200000077');
    // every action these flows wrote has its names
    const codes = rowsOf<{ action: string }>(await db.execute(sql`select distinct action from audit_log`));
    expect(codes.length).toBeGreaterThan(4);
    for (const c of codes) expect(AUDIT_ACTIONS, c.action).toHaveProperty([c.action]);
    const all = await read('pageSize=200');
    expect(all.filter((r) => !r.actionName)).toEqual([]);
  });
});
