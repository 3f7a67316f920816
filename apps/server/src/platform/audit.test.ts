import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.js';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../test/factories.js';
import type { TActor } from './actor.js';
import { type TAuditEntry, verifyAuditChain, writeAuditBatch } from './audit.js';

let t: TTestApp;
let auditor: TSession;
let secadmin: TSession;
beforeAll(async () => {
  t = await buildTestApp();
  auditor = await loginStaff(t.app, (await buildUser(t.database.db, { role: 'audit_admin' })).username!, TEST_PASSWORD);
  secadmin = await loginStaff(
    t.app,
    (await buildUser(t.database.db, { role: 'security_admin' })).username!,
    TEST_PASSWORD,
  );
});
afterAll(() => t.close());

type TAuditRow = {
  id: number;
  at: Date | string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  object_type: string;
  object_id: string | null;
  before: unknown;
  after: unknown;
  result: string;
  ip: string | null;
  prev_hash: string | null;
  hash: string;
};

/** Objects' keys sorted, recursively: jsonb hands keys back in an order of its own. */
const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;

/**
 * The chain as its rows say it is, recomputed here with a Hash object of its own (audit.ts hashes one-shot):
 * each row's hash is sha256 over [its prev_hash, its content] as JSON, its prev_hash the row before it. A change
 * in what is hashed, or how, breaks every chain written before it — this test says so first.
 */
const expectedHash = (r: TAuditRow) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        r.prev_hash,
        {
          at: new Date(r.at).toISOString(),
          actorId: r.actor_id,
          actorRole: r.actor_role,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          before: sorted(r.before),
          after: sorted(r.after),
          result: r.result,
          ip: r.ip,
        },
      ]),
    )
    .digest('hex');

const chainRows = async (action: string) =>
  rowsOf<TAuditRow>(
    await t.database.db.execute(sql`select id::int as id, at, actor_id, actor_role, action, object_type, object_id, before,
      after, result, ip, prev_hash, hash from audit_log where action = ${action} order by id`),
  );

/** Audit rows of the system (no id, no address), written as the application writes them. */
const SYSTEM = { id: null, role: 'system', ip: null } as TActor;
const write = (entries: TAuditEntry[], actor = SYSTEM) =>
  t.database.db.transaction((tx) => writeAuditBatch(tx, actor, entries));

/** What a database owner could do behind the application's back (the trigger refuses it otherwise). */
async function tamper(statement: ReturnType<typeof sql>) {
  const db = t.database.db;
  await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
  try {
    await db.execute(statement);
  } finally {
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  }
}

describe(`audit chain on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('chains each row to the one before it, over its content and time, personal data redacted', async () => {
    const db = t.database.db;
    const actor = { id: null, role: 'system', ip: '10.0.0.7' } as TActor;
    const [{ head }] = rowsOf<{ head: string | null }>(
      await db.execute(sql`select (select hash from audit_log order by id desc limit 1) as head`),
    );
    await write(
      [
        // keys in an order jsonb does not keep
        { action: 'test.chain', objectType: 'probe', objectId: 'a', after: { slotId: 's', partySize: 2, day: 'd' } },
        { action: 'test.chain', objectType: 'probe', objectId: 'b', before: { 名称: '景区', phone: '13800000000' } },
        // an actor with no id or address given at all: hashed as null, as stored
        { action: 'test.chain', objectType: 'probe', result: 'refused', actor: { role: 'tourist' } as TActor },
      ],
      actor,
    );
    const rows = await chainRows('test.chain');
    expect(rows).toHaveLength(3);
    expect(rows[0].prev_hash).toBe(head);
    expect(rows[1].prev_hash).toBe(rows[0].hash);
    expect(rows[2].prev_hash).toBe(rows[1].hash);
    expect(rows[1].before).toEqual({ 名称: '景区', phone: '[redacted]' });
    expect(rows[2]).toMatchObject({ actor_role: 'tourist', ip: null, actor_id: null, object_id: null });
    for (const r of rows) expect(r.hash).toBe(expectedHash(r));
    expect((await verifyAuditChain(db, 0, 100_000)).findings).toEqual([]);
  });

  it('finds a changed row and the row after a removed one; the audit admin alone may ask', async () => {
    for (const objectId of ['1', '2', '3', '4'])
      await write([{ action: 'test.tamper', objectType: 'probe', objectId, after: { n: 1 } }]);
    const [, second, third, fourth] = await chainRows('test.tamper');
    const check = async () => {
      const res = await auditor.inject({ method: 'GET', url: '/api/audit-logs/chain?limit=50' });
      expect(res.statusCode).toBe(200);
      return res.json() as { checked: number; findings: { id: number; problem: string }[]; nextAfterId: number | null };
    };
    const clean = await check();
    expect(clean.findings).toEqual([]);
    expect(clean.nextAfterId).toBe(null);
    expect(clean.checked).toBeGreaterThanOrEqual(7);

    await tamper(sql`update audit_log set after = '{"n": 2}' where id = ${second.id}`);
    await tamper(sql`delete from audit_log where id = ${third.id}`);
    expect((await check()).findings).toEqual([
      expect.objectContaining({ id: second.id, problem: 'content_changed' }),
      expect.objectContaining({ id: fourth.id, problem: 'link_missing' }),
    ]);

    // In pages: each answer says where to go on.
    const page = await auditor.inject({ method: 'GET', url: `/api/audit-logs/chain?limit=2&afterId=${second.id - 1}` });
    expect(page.json()).toMatchObject({ checked: 2, nextAfterId: fourth.id });
    expect(page.json().findings.map((f: { id: number }) => f.id)).toEqual([second.id, fourth.id]);

    expect((await secadmin.inject({ method: 'GET', url: '/api/audit-logs/chain' })).statusCode).toBe(403);
    const bad = await auditor.inject({ method: 'GET', url: '/api/audit-logs/chain?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'limit' });
  });

  it('a head saved at an earlier check shows the newest rows removed, which the chain alone cannot', async () => {
    await write([{ action: 'test.head', objectType: 'probe', objectId: 'x' }]);
    type TFound = { id: number; problem: string };
    const end = async (head?: string): Promise<{ head: { id: number; hash: string }; findings: TFound[] }> => {
      let afterId = 0;
      const findings: TFound[] = [];
      for (;;) {
        // the saved head goes with the first page, as the console sends it
        const q = `/api/audit-logs/chain?limit=3&afterId=${afterId}${head && !afterId ? `&head=${head}` : ''}`;
        const res = (await auditor.inject({ method: 'GET', url: q })).json();
        findings.push(...res.findings);
        if (res.nextAfterId === null) return { ...res, findings };
        afterId = res.nextAfterId;
      }
    };
    const first = await end();
    const [newest] = (await chainRows('test.head')).slice(-1);
    expect(first.head).toEqual({ id: newest.id, hash: newest.hash });
    const saved = `${first.head.id}:${first.head.hash}`;
    // two findings from the test before; the saved head itself is fine
    expect((await end(saved)).findings.filter((f) => f.problem === 'head_missing')).toEqual([]);

    // The newest row removed: the chain that is left is whole, only the saved head tells.
    await tamper(sql`delete from audit_log where id = ${newest.id}`);
    const after = await end(saved);
    expect(after.head.id).toBeLessThan(newest.id);
    expect(after.findings.filter((f) => f.problem === 'head_missing')).toEqual([
      expect.objectContaining({ id: newest.id, at: null, action: null }),
    ]);
    expect(after.findings.filter((f) => f.problem !== 'head_missing')).toEqual(first.findings);

    const bad = await auditor.inject({ method: 'GET', url: '/api/audit-logs/chain?head=12:nothex' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'head' });
  });

  it('stops after 100 findings, and says so', async () => {
    await write(
      Array.from({ length: 120 }, (_, i) => ({ action: 'test.many', objectType: 'probe', objectId: String(i) })),
    );
    await tamper(sql`update audit_log set result = 'refused' where action = 'test.many'`);
    const res = await verifyAuditChain(t.database.db, 0, 50_000);
    expect(res.findings).toHaveLength(100);
    expect(res.stopped).toBe(true);
    expect(res.nextAfterId).toBe(null);
  });
});
