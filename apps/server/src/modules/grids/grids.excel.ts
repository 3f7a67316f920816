import { createHash } from 'node:crypto';
import {
  GRID_EMPLOYMENT_LABELS,
  GRID_MEMBER_ROLE_LABELS,
  type TGridImportPreview,
  type TGridImportRow,
  type TGridImportSheet,
  type TLocale,
  ZGridInput,
} from '@zhilv/contracts';
import type { SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { type TAuditEntry, writeAuditBatch } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { cellText, type TXlsxColumn, toXlsxBook } from '../../platform/excel.js';
import { message, type TMessageCode } from '../../platform/messages.js';
import { setBusinessGrid } from '../master-data/index.js';
import * as store from './grids.store.js';

/** The three sheets of the export, which the import reads back (by position; the names are for people). */
const SHEET_NAMES: Record<TGridImportSheet, string> = {
  grids: '网格 Grids',
  members: '网格成员 Members',
  assignments: '归属与包保 Assignments',
};
const GRID_COLUMNS: TXlsxColumn[] = [
  { key: 'code', header: '网格编码 Code', width: 14 },
  { key: 'name', header: '网格名称 Name', width: 24 },
  { key: 'nameEn', header: '英文名称 English name', width: 24 },
  { key: 'regionCode', header: '行政区划代码 Region code', width: 16 },
  { key: 'regionName', header: '行政区划 Region', width: 16 },
  { key: 'leaderUsername', header: '专属网格领导账号 Leader username', width: 18 },
  { key: 'memberNames', header: '网格成员 Members', width: 30 },
  { key: 'businessCount', header: '经营主体数 Businesses', width: 12 },
  { key: 'businessNames', header: '经营主体 Business names', width: 60 },
];
const MEMBER_COLUMNS: TXlsxColumn[] = [
  { key: 'gridCode', header: '网格编码 Grid code', width: 14 },
  { key: 'gridName', header: '网格名称 Grid', width: 24 },
  { key: 'username', header: '账号 Username', width: 16 },
  { key: 'displayName', header: '姓名 Name', width: 14 },
  { key: 'role', header: '角色 Role', width: 12 },
  { key: 'employment', header: '专兼职 Employment', width: 12 },
];
const ASSIGNMENT_COLUMNS: TXlsxColumn[] = [
  { key: 'uscc', header: '统一社会信用代码 USCC', width: 22 },
  { key: 'name', header: '经营主体 Business', width: 30 },
  { key: 'gridCode', header: '网格编码 Grid code', width: 14 },
  { key: 'guarantorUsername', header: '包保责任人账号 Guarantor username', width: 18 },
  { key: 'guarantorName', header: '包保责任人 Guarantor', width: 14 },
];

const roleLabel = (r: string) => GRID_MEMBER_ROLE_LABELS[r as keyof typeof GRID_MEMBER_ROLE_LABELS]?.zh ?? r;
const employmentLabel = (e: string) => GRID_EMPLOYMENT_LABELS[e as keyof typeof GRID_EMPLOYMENT_LABELS]?.zh ?? e;
/** A role or employment cell: the code, or its Chinese or English label. */
function fromLabel<K extends string>(labels: Record<K, { zh: string; en: string }>, v: string): K | null {
  for (const [k, l] of Object.entries(labels) as [K, { zh: string; en: string }][])
    if (v === k || v === l.zh || v.toLowerCase() === l.en.toLowerCase()) return k;
  return null;
}

/** Grids, members and assignments of the grids the caller may see (the admin: all), one sheet each. */
export async function exportGrids(db: TExecutor, visible: SQL, f: store.TGridFilter) {
  const gridRows = await store.allGrids(db, visible, f);
  const leaders = await store.userNames(db, [
    ...new Set(gridRows.flatMap((g) => (g.leaderUserId ? [g.leaderUserId] : []))),
  ]);
  const leaderName = new Map(leaders.map((u) => [u.id, u.username]));
  const codes = new Set(gridRows.map((g) => g.code));
  const members = (await store.allMembers(db, visible)).filter((m) => codes.has(m.gridCode));
  const assignments = (await store.allAssignments(db, f.regionCode)).filter(
    (a) => !f.q || (a.gridCode && codes.has(a.gridCode)),
  );
  return toXlsxBook([
    {
      name: SHEET_NAMES.grids,
      columns: GRID_COLUMNS,
      rows: gridRows.map((g) => ({ ...g, leaderUsername: g.leaderUserId ? leaderName.get(g.leaderUserId) : null })),
    },
    {
      name: SHEET_NAMES.members,
      columns: MEMBER_COLUMNS,
      rows: members.map((m) => ({ ...m, role: roleLabel(m.role), employment: employmentLabel(m.employment) })),
    },
    { name: SHEET_NAMES.assignments, columns: ASSIGNMENT_COLUMNS, rows: assignments },
  ]);
}

type TWrite =
  | {
      sheet: 'grids';
      id: string | null;
      values: { code: string; name: string; nameEn: string | null; regionCode: string; leaderUserId: string | null };
    }
  | { sheet: 'members'; gridCode: string; members: { userId: string; role: string; employment: string }[] }
  | { sheet: 'assignments'; businessId: string; gridCode: string | null; guarantorUserId: string | null | undefined };

async function readBook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError('import_failed', 422, 'file');
  }
  if (!wb.worksheets[0]) throw new AppError('import_failed', 422, 'file');
  return wb;
}

/** The rows of a sheet as records keyed by column key, found by the export's headers. */
function sheetRows(ws: ExcelJS.Worksheet | undefined, columns: TXlsxColumn[]) {
  if (!ws) return [];
  const at = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => at.set(cellText(cell.value), col));
  const out: { row: number; v: Record<string, string> }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const v: Record<string, string> = {};
    for (const c of columns) {
      const col = at.get(c.header);
      const text = col ? cellText(row.getCell(col).value) : '';
      if (text) v[c.key] = text;
    }
    if (Object.keys(v).length) out.push({ row: r, v });
  }
  return out;
}

/**
 * Says what importing the workbook would do, row by row, writing nothing. Grids are matched by code (new or
 * changed); the members sheet gives each grid it names its whole membership; an assignment row moves a business
 * (by USCC) to a grid and names its 包保 official, an empty cell keeping what is stored. A grid named in the members
 * or assignments sheet must exist, or be new in the grids sheet.
 */
async function plan(tx: TExecutor, buf: Buffer, lang: TLocale) {
  const wb = await readBook(buf);
  const rows: TGridImportRow[] = [];
  const writes: TWrite[] = [];
  const newCodes = new Set<string>();
  const known = async (code: string) => newCodes.has(code) || !!(await store.getGridByCode(tx, code));
  const userOf = async (username: string, allowed: string[]) => {
    const u = await store.userByUsername(tx, username);
    return u && !u.disabled && allowed.includes(u.role) ? u.id : null;
  };
  const row = (sheet: TGridImportSheet, r: number, key: string) => {
    const errors: TGridImportRow['errors'] = [];
    return {
      errors,
      fail: (field: string, code: TMessageCode) => errors.push({ field, message: message(code, lang) }),
      push: (status: TGridImportRow['status']) =>
        rows.push({ sheet, row: r, key, status: errors.length ? 'invalid' : status, errors }),
    };
  };

  const seenGrid = new Set<string>();
  for (const { row: r, v } of sheetRows(wb.worksheets[0], GRID_COLUMNS)) {
    const x = row('grids', r, v.code ?? '');
    const parsed = ZGridInput.omit({ leaderUserId: true }).safeParse({
      code: v.code,
      name: v.name,
      nameEn: v.nameEn ?? null,
      regionCode: v.regionCode,
    });
    if (!parsed.success) {
      for (const f of new Set(parsed.error.issues.map((i) => String(i.path[0] ?? ''))))
        x.fail(f, v[f] === undefined ? 'field_required' : 'field_invalid');
      x.push('invalid');
      continue;
    }
    const g = parsed.data;
    if (seenGrid.has(g.code)) x.fail('code', 'duplicate');
    seenGrid.add(g.code);
    if (!(await store.regionExists(tx, g.regionCode))) x.fail('regionCode', 'field_invalid');
    const leaderUserId = v.leaderUsername ? await userOf(v.leaderUsername, ['leader']) : null;
    if (v.leaderUsername && !leaderUserId) x.fail('leaderUsername', 'field_invalid');
    const existing = await store.getGridByCode(tx, g.code);
    const values = { code: g.code, name: g.name, nameEn: g.nameEn ?? null, regionCode: g.regionCode, leaderUserId };
    const changed =
      !existing ||
      existing.name !== values.name ||
      (existing.nameEn ?? null) !== values.nameEn ||
      existing.regionCode !== values.regionCode ||
      (existing.leaderUserId ?? null) !== values.leaderUserId;
    if (!existing) newCodes.add(g.code);
    x.push(!existing ? 'new' : changed ? 'changed' : 'unchanged');
    if (!x.errors.length && changed) writes.push({ sheet: 'grids', id: existing?.id ?? null, values });
  }

  const byGrid = new Map<string, { userId: string; role: string; employment: string }[]>();
  for (const { row: r, v } of sheetRows(wb.worksheets[1], MEMBER_COLUMNS)) {
    const x = row('members', r, `${v.gridCode ?? ''} / ${v.username ?? ''}`);
    if (!v.gridCode) x.fail('gridCode', 'field_required');
    else if (!(await known(v.gridCode))) x.fail('gridCode', 'field_invalid');
    const userId = v.username
      ? await userOf(v.username, ['grid_worker', 'leader', 'department_head', 'department_staff'])
      : null;
    if (!v.username) x.fail('username', 'field_required');
    else if (!userId) x.fail('username', 'field_invalid');
    const role = fromLabel(GRID_MEMBER_ROLE_LABELS, v.role ?? 'grid_worker');
    if (!role) x.fail('role', 'field_invalid');
    const employment = fromLabel(GRID_EMPLOYMENT_LABELS, v.employment ?? 'full_time');
    if (!employment) x.fail('employment', 'field_invalid');
    const list = byGrid.get(v.gridCode ?? '') ?? [];
    if (userId && list.some((m) => m.userId === userId)) x.fail('username', 'duplicate');
    x.push('changed');
    if (!x.errors.length && userId && role && employment) {
      list.push({ userId, role, employment });
      byGrid.set(v.gridCode!, list);
    }
  }
  for (const [gridCode, members] of byGrid) writes.push({ sheet: 'members', gridCode, members });

  for (const { row: r, v } of sheetRows(wb.worksheets[2], ASSIGNMENT_COLUMNS)) {
    const uscc = (v.uscc ?? '').toUpperCase();
    const x = row('assignments', r, uscc);
    const businessId = uscc ? await store.businessIdByUscc(tx, uscc) : undefined;
    if (!uscc) x.fail('uscc', 'field_required');
    else if (!businessId) x.fail('uscc', 'business_not_found');
    if (v.gridCode && !(await known(v.gridCode))) x.fail('gridCode', 'field_invalid');
    const guarantorUserId = v.guarantorUsername
      ? await userOf(v.guarantorUsername, ['grid_worker', 'leader', 'department_head', 'department_staff'])
      : undefined;
    if (v.guarantorUsername && !guarantorUserId) x.fail('guarantorUsername', 'field_invalid');
    const before = businessId ? await store.getBusinessRef(tx, businessId) : undefined;
    const beforeCode = before?.gridId ? (await store.getGrid(tx, before.gridId))?.code : undefined;
    const changed =
      (!!v.gridCode && v.gridCode !== beforeCode) ||
      (guarantorUserId !== undefined && guarantorUserId !== before?.guarantorUserId);
    x.push(changed ? 'changed' : 'unchanged');
    if (!x.errors.length && changed && businessId)
      writes.push({ sheet: 'assignments', businessId, gridCode: v.gridCode ?? beforeCode ?? null, guarantorUserId });
  }

  const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const r of rows) counts[r.status]++;
  const token = createHash('sha256')
    .update(buf)
    .update(JSON.stringify(rows.map((r) => [r.sheet, r.row, r.status])))
    .update(JSON.stringify(writes))
    .digest('hex');
  return { preview: { token, counts, rows } satisfies TGridImportPreview, writes };
}

export async function previewGridImport(db: TDb, buf: Buffer, lang: TLocale): Promise<TGridImportPreview> {
  return (await plan(db, buf, lang)).preview;
}

/** Applies a previewed import in one transaction, planned again inside it: another token writes nothing (409). */
export async function confirmGridImport(db: TDb, actor: TActor, buf: Buffer, token: string, lang: TLocale, now: Date) {
  return db.transaction(async (tx) => {
    const { preview, writes } = await plan(tx, buf, lang);
    if (preview.token !== token) throw new AppError('import_preview_stale', 409, 'token');
    const errors = preview.rows.flatMap((r) => r.errors.map((e) => ({ sheet: r.sheet, row: r.row, ...e })));
    if (errors.length) return { grids: 0, members: 0, assignments: 0, errors };
    const audit: TAuditEntry[] = [];
    const done = { grids: 0, members: 0, assignments: 0 };
    for (const w of writes) {
      if (w.sheet === 'grids') {
        const before = w.id ? await store.getGrid(tx, w.id) : null;
        const after = w.id ? await store.updateGrid(tx, w.id, w.values) : await store.insertGrid(tx, w.values);
        audit.push({
          action: w.id ? 'grid.update' : 'grid.create',
          objectType: 'grid',
          objectId: after.id,
          before,
          after,
        });
        done.grids++;
      } else if (w.sheet === 'members') {
        const g = (await store.getGridByCode(tx, w.gridCode))!;
        const before = await store.membersOf(tx, g.id);
        await store.replaceMembers(tx, g.id, w.members);
        audit.push({
          action: 'grid.members',
          objectType: 'grid',
          objectId: g.id,
          before: before.map(({ displayName: _, ...m }) => m),
          after: w.members,
        });
        done.members += w.members.length;
      } else {
        const before = await store.getBusinessRef(tx, w.businessId);
        const gridId = w.gridCode ? ((await store.getGridByCode(tx, w.gridCode))?.id ?? null) : null;
        await setBusinessGrid(tx, [w.businessId], gridId, now);
        if (w.guarantorUserId !== undefined) await store.setGuarantor(tx, w.businessId, w.guarantorUserId, now);
        audit.push({
          action: 'grid.assign',
          objectType: 'business',
          objectId: w.businessId,
          before: { gridId: before?.gridId ?? null, guarantorUserId: before?.guarantorUserId ?? null },
          after: { gridId, guarantorUserId: w.guarantorUserId ?? before?.guarantorUserId ?? null },
        });
        done.assignments++;
      }
    }
    audit.push({ action: 'grid.import', objectType: 'grid', after: { ...done, token } });
    await writeAuditBatch(tx, actor, audit, now);
    return { ...done, errors };
  });
}
