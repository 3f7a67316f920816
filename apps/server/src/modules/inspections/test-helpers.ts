import { randomUUID } from 'node:crypto';
import type { TRole } from '@zhilv/contracts';
import sharp from 'sharp';
import { buildTestApp, loginStaff, type TSession, type TTestApp } from '../../test/build-test-app.js';
import { buildBusiness, buildDepartment, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { gridMembers, grids } from '../grids/index.js';
import { seedDefaultRouting } from '../work-orders/index.js';

export async function staffSession(t: TTestApp, role: TRole, extra: Record<string, unknown> = {}): Promise<TSession> {
  const u = await buildUser(t.database.db, { role, ...extra });
  return loginStaff(t.app, u.username!, TEST_PASSWORD);
}

let gridSerial = 0;

/**
 * Two grids, each with its own grid worker and one business (with its business account); two departments with a
 * staff member each; a leader, the dispatcher and the system admin; the demo routing for work orders; and one
 * fire-safety checklist made through the API.
 */
export async function buildInspectionsWorld() {
  const t = await buildTestApp();
  const db = t.database.db;
  const deptA = await buildDepartment(db, { code: 'culture_tourism', name: '文化和旅游局', nameEn: 'Culture' });
  const deptB = await buildDepartment(db, { code: 'market_supervision', name: '市场监督管理局', nameEn: 'Market' });
  await db.transaction((tx) => seedDefaultRouting(tx));
  const workerA = await buildUser(db, { role: 'grid_worker' });
  const workerB = await buildUser(db, { role: 'grid_worker' });
  const [gridA] = await db
    .insert(grids)
    .values({
      code: `T-G${++gridSerial}-${randomUUID().slice(0, 6)}`,
      name: '古城网格一',
      regionCode: '530702',
    })
    .returning();
  await db.insert(gridMembers).values({ gridId: gridA.id, userId: workerA.id, role: 'grid_worker' });
  const [gridB] = await db
    .insert(grids)
    .values({
      code: `T-G${++gridSerial}-${randomUUID().slice(0, 6)}`,
      name: '玉龙网格二',
      regionCode: '530721',
    })
    .returning();
  await db.insert(gridMembers).values({ gridId: gridB.id, userId: workerB.id, role: 'grid_worker' });
  const bizA = await buildBusiness(db, {
    kind: 'hotel',
    gridId: gridA.id,
    regionCode: '530702',
    lng: 100.23,
    lat: 26.87,
  });
  const bizB = await buildBusiness(db, {
    kind: 'hotel',
    gridId: gridB.id,
    regionCode: '530721',
    lng: 100.25,
    lat: 27.1,
  });
  const s = {
    workerA: await loginStaff(t.app, workerA.username!, TEST_PASSWORD),
    workerB: await loginStaff(t.app, workerB.username!, TEST_PASSWORD),
    bizA: await staffSession(t, 'business', { businessId: bizA.id }),
    bizB: await staffSession(t, 'business', { businessId: bizB.id }),
    staffA: await staffSession(t, 'department_staff', { departmentId: deptA.id }),
    staffB: await staffSession(t, 'department_staff', { departmentId: deptB.id }),
    headA: await staffSession(t, 'department_head', { departmentId: deptA.id }),
    leader: await staffSession(t, 'leader'),
    dispatcher: await staffSession(t, 'dispatcher'),
    admin: await staffSession(t, 'system_admin'),
  };
  const res = await s.admin.inject({ method: 'POST', url: '/api/checklists', payload: FIRE_CHECKLIST });
  if (res.statusCode !== 201) throw new Error(`checklist: ${res.statusCode} ${res.body}`);
  return { t, deptA, deptB, gridA, gridB, bizA, bizB, workerA, workerB, s, checklist: res.json() };
}

export const FIRE_CHECKLIST = {
  code: 'hotel_fire',
  name: '宾馆饭店消防安全检查',
  nameEn: 'Hotel fire safety',
  topic: 'fire_safety',
  businessKind: 'hotel',
  items: [
    {
      key: 'exits',
      text: '安全出口、疏散通道畅通，无堵塞、锁闭',
      textEn: 'Exits and escape routes clear, not blocked or locked',
      severity: 'major',
      photoRequired: true,
      legalBasis: '《中华人民共和国消防法》第二十八条',
    },
    {
      key: 'extinguishers',
      text: '灭火器在有效期内、压力正常',
      textEn: 'Extinguishers in date and charged',
      severity: 'general',
      photoRequired: true,
      legalBasis: '《消防法》第十六条',
    },
    {
      key: 'records',
      text: '消防巡查记录完整',
      textEn: 'Fire patrol records kept',
      severity: 'minor',
      photoRequired: false,
      legalBasis: '《机关、团体、企业、事业单位消防安全管理规定》',
    },
  ],
};

/** Uploads a small JPEG as this session and answers its file id. */
export async function uploadPhoto(s: TSession): Promise<string> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#a33' } })
    .jpeg()
    .toBuffer();
  const b = '----zlinspections';
  const payload = Buffer.concat([
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    jpeg,
    Buffer.from(`\r\n--${b}--\r\n`),
  ]);
  const res = await s.inject({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  });
  if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** A submission at the business (position on it, started a minute ago) with the given outcomes by item key. */
export function visit(
  t: TTestApp,
  businessId: string,
  checklistId: string,
  outcomes: Record<string, { outcome: 'pass' | 'fail' | 'not_applicable'; photoIds?: string[]; note?: string }>,
  over: Record<string, unknown> = {},
) {
  return {
    businessId,
    checklistId,
    kind: 'patrol',
    startedAt: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    position: { lng: 100.2301, lat: 26.8702 },
    results: Object.entries(outcomes).map(([key, o]) => ({
      key,
      outcome: o.outcome,
      photoIds: o.photoIds ?? [],
      note: o.note ?? '',
    })),
    ...over,
  };
}

export const submit = (s: TSession, payload: object, key: string = randomUUID()) =>
  s.inject({ method: 'POST', url: '/api/inspections', payload, headers: { 'idempotency-key': key } });
