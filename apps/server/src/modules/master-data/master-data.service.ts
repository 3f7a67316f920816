import {
  BUSINESS_KINDS,
  type TBusinessInput,
  type TLocale,
  type ZDepartmentInput,
  type ZPractitionerInput,
} from '@zhilv/contracts';
import type { z } from 'zod';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { maskIdNumber, maskPhone } from '../../platform/mask.js';
import { isValidIdNumber, isValidUscc } from '../../platform/validators.js';
import { confirmBusinessImport, previewBusinessImport } from './business-import.js';
import * as excel from './master-data.excel.js';
import * as store from './master-data.store.js';

export type TRegionNode = { code: string; name: string; level: number; children: TRegionNode[] };

const businessView = (b: store.TBusinessRow) => ({
  ...b,
  contactPhone: maskPhone(b.contactPhone),
  createdAt: b.createdAt.toISOString(),
  updatedAt: b.updatedAt.toISOString(),
});

export function createMasterDataService(db: TDb) {
  async function checkBusiness(tx: TExecutor, input: TBusinessInput, id?: string) {
    if (!isValidUscc(input.uscc)) throw new AppError('invalid_uscc', 422, 'uscc');
    if (input.gridId && !(await store.gridExists(tx, input.gridId))) throw new AppError('field_invalid', 422, 'gridId');
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
      return excel.exportBusinesses(db, f);
    },
    previewBusinessImport: (buf: Buffer, lang: TLocale) => previewBusinessImport(db, buf, lang),
    confirmBusinessImport: (actor: TActor, buf: Buffer, token: string, lang: TLocale) =>
      confirmBusinessImport(db, actor, buf, token, lang),

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
  };
}
export type TMasterDataService = ReturnType<typeof createMasterDataService>;
export { BUSINESS_KINDS };
