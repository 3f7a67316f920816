import {
  BUSINESS_KINDS,
  type TBusinessInput,
  type TLocale,
  ZBusinessInput,
  type ZDepartmentInput,
  type ZGridInput,
  type ZPractitionerInput,
} from '@zhilv/contracts';
import type { z } from 'zod';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { readFirstSheet, toXlsx } from '../../platform/excel.js';
import { maskIdNumber, maskPhone } from '../../platform/mask.js';
import { message } from '../../platform/messages.js';
import { isValidIdNumber, isValidUscc } from '../../platform/validators.js';
import * as excel from './master-data.excel.js';
import * as store from './master-data.store.js';

export type TRegionNode = { code: string; name: string; level: number; children: TRegionNode[] };

const businessView = (b: store.TBusinessRow) => ({
  ...b,
  contactPhone: maskPhone(b.contactPhone),
  createdAt: b.createdAt.toISOString(),
  updatedAt: b.updatedAt.toISOString(),
});

/** Columns of the business Excel sheet: export and import use the same, Chinese first. */
const BUSINESS_COLUMNS: { key: keyof TBusinessInput; header: string; width: number }[] = [
  { key: 'name', header: '名称 Name', width: 30 },
  { key: 'nameEn', header: '英文名称 English name', width: 30 },
  { key: 'kind', header: '类型 Kind', width: 16 },
  { key: 'uscc', header: '统一社会信用代码 USCC', width: 22 },
  { key: 'aLevel', header: 'A级 A-level', width: 8 },
  { key: 'stars', header: '星级 Stars', width: 8 },
  { key: 'grade', header: '等级 Grade', width: 10 },
  { key: 'address', header: '地址 Address', width: 36 },
  { key: 'lng', header: '经度 Longitude', width: 12 },
  { key: 'lat', header: '纬度 Latitude', width: 12 },
  { key: 'regionCode', header: '行政区划代码 Region code', width: 14 },
  { key: 'contactName', header: '联系人 Contact', width: 12 },
];

export function createMasterDataService(db: TDb) {
  async function checkBusiness(tx: TExecutor, input: TBusinessInput, id?: string) {
    if (!isValidUscc(input.uscc)) throw new AppError('invalid_uscc', 422, 'uscc');
    const same = await store.getBusinessByUscc(tx, input.uscc);
    if (same && same.id !== id) throw new AppError('duplicate', 409, 'uscc');
  }

  return {
    async regionTree() {
      const rows = await store.listRegions(db);
      const byCode = new Map<string, TRegionNode>(
        rows.map((r) => [r.code, { code: r.code, name: r.name, level: r.level, children: [] }]),
      );
      const roots: TRegionNode[] = [];
      for (const r of rows) {
        const node = byCode.get(r.code)!;
        const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
        if (parent) parent.children.push(node);
        else roots.push(node);
      }
      return roots;
    },
    listDepartments: () => store.listDepartments(db),
    exportDepartments: () => excel.exportDepartments(db),
    async createDepartment(actor: TActor, input: z.infer<typeof ZDepartmentInput>) {
      return db.transaction(async (tx) => {
        if (await store.getDepartmentByCode(tx, input.code)) throw new AppError('duplicate', 409, 'code');
        const d = await store.insertDepartment(tx, input);
        await writeAudit(tx, actor, {
          action: 'department.create',
          objectType: 'department',
          objectId: d.id,
          after: d,
        });
        return d;
      });
    },
    async updateDepartment(actor: TActor, id: string, input: z.infer<typeof ZDepartmentInput>) {
      return db.transaction(async (tx) => {
        const before = await store.getDepartment(tx, id);
        if (!before) throw notFound();
        const other = await store.getDepartmentByCode(tx, input.code);
        if (other && other.id !== id) throw new AppError('duplicate', 409, 'code');
        const d = await store.updateDepartment(tx, id, input);
        await writeAudit(tx, actor, {
          action: 'department.update',
          objectType: 'department',
          objectId: id,
          before,
          after: d,
        });
        return d;
      });
    },

    search: (q: string | undefined, near: { lng: number; lat: number } | undefined, kind?: string) =>
      store.searchBusinesses(db, q, near, kind),
    async listBusinesses(f: store.TBusinessFilter, page: number, pageSize: number) {
      const r = await store.listBusinesses(db, f, page, pageSize);
      return { items: r.items.map(businessView), total: r.total, page, pageSize };
    },
    async getBusiness(id: string) {
      const b = await store.getBusiness(db, id);
      if (!b) throw notFound();
      return businessView(b);
    },
    async createBusiness(actor: TActor, input: TBusinessInput) {
      return db.transaction(async (tx) => {
        await checkBusiness(tx, input);
        const b = await store.insertBusiness(tx, input);
        await writeAudit(tx, actor, { action: 'business.create', objectType: 'business', objectId: b.id, after: b });
        return businessView(b);
      });
    },
    async updateBusiness(actor: TActor, id: string, input: TBusinessInput) {
      return db.transaction(async (tx) => {
        const before = await store.getBusiness(tx, id);
        if (!before) throw notFound();
        await checkBusiness(tx, input, id);
        const b = await store.updateBusiness(tx, id, input);
        await writeAudit(tx, actor, {
          action: 'business.update',
          objectType: 'business',
          objectId: id,
          before,
          after: b,
        });
        return businessView(b);
      });
    },
    async exportBusinesses(f: store.TBusinessFilter) {
      return toXlsx('经营主体 Businesses', BUSINESS_COLUMNS, await store.allBusinesses(db, f));
    },
    /**
     * Imports businesses from the export's own layout, upserting by USCC, in one transaction. Rows with errors
     * are skipped and reported (row, field, message in the request's language); the good rows are kept.
     */
    async importBusinesses(actor: TActor, buf: Buffer, lang: TLocale) {
      const { ws, headerIndex } = await readFirstSheet(buf);
      const errors: { row: number; field: string; message: string }[] = [];
      let created = 0;
      let updated = 0;
      await db.transaction(async (tx) => {
        for (let r = 2; r <= ws.rowCount; r++) {
          const row = ws.getRow(r);
          if (!row.hasValues) continue;
          const raw: Record<string, unknown> = {};
          for (const c of BUSINESS_COLUMNS) {
            const col = headerIndex.get(c.header);
            let v = col ? row.getCell(col).value : null;
            if (v && typeof v === 'object' && 'text' in v) v = (v as { text: string }).text;
            if (v === null || v === undefined || v === '') continue;
            raw[c.key] = ['aLevel', 'stars', 'lng', 'lat'].includes(c.key) ? Number(v) : String(v).trim();
          }
          const parsed = ZBusinessInput.safeParse(raw);
          if (!parsed.success) {
            const issue = parsed.error.issues[0];
            errors.push({ row: r, field: String(issue.path[0] ?? ''), message: message('validation_failed', lang) });
            continue;
          }
          const input = parsed.data;
          if (!isValidUscc(input.uscc)) {
            errors.push({ row: r, field: 'uscc', message: message('invalid_uscc', lang) });
            continue;
          }
          const existing = await store.getBusinessByUscc(tx, input.uscc);
          if (existing) {
            await store.updateBusiness(tx, existing.id, input);
            updated++;
          } else {
            await store.insertBusiness(tx, input);
            created++;
          }
        }
        await writeAudit(tx, actor, {
          action: 'business.import',
          objectType: 'business',
          after: { created, updated, errors: errors.length },
        });
      });
      return { created, updated, errors };
    },

    async listPractitioners(f: store.TPractitionerFilter, page: number, pageSize: number) {
      const r = await store.listPractitioners(db, f, page, pageSize);
      return {
        items: r.items.map((p) => ({
          ...p,
          idNumber: maskIdNumber(p.idNumber),
          phone: maskPhone(p.phone),
          createdAt: p.createdAt.toISOString(),
        })),
        total: r.total,
        page,
        pageSize,
      };
    },
    exportPractitioners: (f: store.TPractitionerFilter) => excel.exportPractitioners(db, f),
    importPractitioners: (actor: TActor, buf: Buffer, lang: TLocale) => excel.importPractitioners(db, actor, buf, lang),
    async savePractitioner(actor: TActor, id: string | null, input: z.infer<typeof ZPractitionerInput>) {
      if (input.idNumber && !isValidIdNumber(input.idNumber)) throw new AppError('invalid_id_number', 422, 'idNumber');
      return db.transaction(async (tx) => {
        const before = id ? await store.getPractitioner(tx, id) : null;
        if (id && !before) throw notFound();
        const p = id ? await store.updatePractitioner(tx, id, input) : await store.insertPractitioner(tx, input);
        await writeAudit(tx, actor, {
          action: id ? 'practitioner.update' : 'practitioner.create',
          objectType: 'practitioner',
          objectId: p.id,
          before,
          after: p,
        });
        return { ...p, idNumber: maskIdNumber(p.idNumber), phone: maskPhone(p.phone) };
      });
    },

    listGrids: async (f: store.TGridFilter, page: number, pageSize: number) => ({
      ...(await store.listGrids(db, f, page, pageSize)),
      page,
      pageSize,
    }),
    listGridWorkers: () => store.listGridWorkers(db),
    exportGrids: (f: store.TGridFilter) => excel.exportGrids(db, f),
    async getGrid(id: string) {
      const g = await store.getGrid(db, id);
      if (!g) throw notFound();
      return { ...g, businesses: await store.businessesInGrid(db, id) };
    },
    async saveGrid(actor: TActor, id: string | null, input: z.infer<typeof ZGridInput>) {
      return db.transaction(async (tx) => {
        const before = id ? await store.getGrid(tx, id) : null;
        if (id && !before) throw notFound();
        const same = await store.getGridByCode(tx, input.code);
        if (same && same.id !== id) throw new AppError('duplicate', 409, 'code');
        if (input.workerUserId && !(await store.getGridWorker(tx, input.workerUserId)))
          throw new AppError('validation_failed', 422, 'workerUserId');
        const g = id ? await store.updateGrid(tx, id, input) : await store.insertGrid(tx, input);
        await writeAudit(tx, actor, {
          action: id ? 'grid.update' : 'grid.create',
          objectType: 'grid',
          objectId: g.id,
          before,
          after: g,
        });
        return g;
      });
    },
  };
}
export type TMasterDataService = ReturnType<typeof createMasterDataService>;
export { BUSINESS_KINDS };
