import {
  PRACTITIONER_KIND_LABELS,
  PRACTITIONER_KINDS,
  type TBusinessInput,
  type TLocale,
  ZPractitionerInput,
} from '@zhilv/contracts';
import type { z } from 'zod';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { type TAuditEntry, writeAuditBatch } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { cellText, readFirstSheet, type TXlsxColumn, toXlsx } from '../../platform/excel.js';
import { maskIdNumber, maskPhone } from '../../platform/mask.js';
import { message, type TMessageCode } from '../../platform/messages.js';
import { isValidIdNumber } from '../../platform/validators.js';
import * as store from './master-data.store.js';

/** One column of an Excel sheet: export and import use the same header text, Chinese first. */
type TColumn<K extends string> = TXlsxColumn<K>;
export type TImportError = { row: number; field: string; message: string };
export type TImportResult = { created: number; updated: number; errors: TImportError[] };

/** Columns of the business sheet: export and import use the same, Chinese first. */
export const BUSINESS_COLUMNS: TColumn<keyof TBusinessInput>[] = [
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

const DEPARTMENT_COLUMNS: TColumn<'code' | 'name' | 'nameEn' | 'regionCode'>[] = [
  { key: 'code', header: '代码 Code', width: 22 },
  { key: 'name', header: '名称 Name', width: 28 },
  { key: 'nameEn', header: '英文名称 English name', width: 40 },
  { key: 'regionCode', header: '行政区划代码 Region code', width: 16 },
];

/** `businessName` is written for reading only; the import links a practitioner to a business by its USCC. */
const PRACTITIONER_COLUMNS: TColumn<
  'name' | 'kind' | 'licenseNo' | 'idNumber' | 'phone' | 'businessUscc' | 'businessName' | 'regionCode'
>[] = [
  { key: 'name', header: '姓名 Name', width: 14 },
  { key: 'kind', header: '类型 Kind', width: 14 },
  { key: 'licenseNo', header: '证件号 Licence no.', width: 22 },
  { key: 'idNumber', header: '身份证号 ID number', width: 22 },
  { key: 'phone', header: '电话 Phone', width: 15 },
  { key: 'businessUscc', header: '所属经营主体统一社会信用代码 Business USCC', width: 24 },
  { key: 'businessName', header: '所属经营主体 Business', width: 30 },
  { key: 'regionCode', header: '行政区划代码 Region code', width: 16 },
];

export const exportBusinesses = async (db: TExecutor, f: store.TBusinessFilter) =>
  toXlsx('经营主体 Businesses', BUSINESS_COLUMNS, await store.allBusinesses(db, f));

export const exportDepartments = async (db: TExecutor) =>
  toXlsx('部门 Departments', DEPARTMENT_COLUMNS, await store.listDepartments(db));

/** Personal data leaves the server masked, as on the screen. */
export const exportPractitioners = async (db: TExecutor, f: store.TPractitionerFilter) =>
  toXlsx(
    '从业人员 Practitioners',
    PRACTITIONER_COLUMNS,
    (await store.allPractitioners(db, f)).map((p) => ({
      ...p,
      idNumber: maskIdNumber(p.idNumber),
      phone: maskPhone(p.phone),
    })),
  );

/** A cell's text whatever Excel stored: plain, number, hyperlink, rich text or formula result. */

/** The kind column takes the code (guide) or either label (导游, Guide). */
function kindCode(text: string): string {
  const found = PRACTITIONER_KINDS.find(
    (k) =>
      k === text ||
      PRACTITIONER_KIND_LABELS[k].zh === text ||
      PRACTITIONER_KIND_LABELS[k].en.toLowerCase() === text.toLowerCase(),
  );
  return found ?? text;
}

type TPlanned = { row: number; id: string | null; input: z.infer<typeof ZPractitionerInput> };

/**
 * Imports practitioners from the export's own layout, all or nothing: every row is checked first (schema, ID
 * number checksum, business USCC, licence numbers repeated in the file); any error and nothing is written, the
 * errors come back with row, field and message in the request's language. A row whose licence number exists
 * updates that practitioner; empty cells and masked values (as exported) leave the stored value unchanged.
 */
export async function importPractitioners(db: TDb, actor: TActor, buf: Buffer, lang: TLocale): Promise<TImportResult> {
  const { ws, headerIndex } = await readFirstSheet(buf);
  const missing = PRACTITIONER_COLUMNS.find((c) => ['name', 'kind'].includes(c.key) && !headerIndex.has(c.header));
  if (missing) throw new AppError('import_headers', 422, missing.key);

  return db.transaction(async (tx) => {
    const errors: TImportError[] = [];
    const fail = (row: number, field: string, code: TMessageCode) =>
      errors.push({ row, field, message: message(code, lang) });
    const planned: TPlanned[] = [];
    const seenLicences = new Map<string, number>();
    const businessIds = new Map<string, string | null>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (!row.hasValues) continue;
      const cells: Record<string, string> = {};
      for (const c of PRACTITIONER_COLUMNS) {
        const col = headerIndex.get(c.header);
        const v = col ? cellText(row.getCell(col).value) : '';
        if (v) cells[c.key] = v;
      }
      if (!Object.keys(cells).length) continue;
      const existing = cells.licenseNo ? await store.getPractitionerByLicense(tx, cells.licenseNo) : undefined;
      if (cells.licenseNo) {
        if (seenLicences.has(cells.licenseNo)) {
          fail(r, 'licenseNo', 'duplicate');
          continue;
        }
        seenLicences.set(cells.licenseNo, r);
      }
      // The export masks personal data; such a cell means "keep what is stored" for a known practitioner.
      for (const k of ['idNumber', 'phone'] as const) if (existing && cells[k]?.includes('*')) delete cells[k];
      const raw: Record<string, unknown> = {
        name: cells.name,
        kind: cells.kind ? kindCode(cells.kind) : undefined,
        licenseNo: cells.licenseNo,
        idNumber: cells.idNumber,
        phone: cells.phone,
        regionCode: cells.regionCode,
      };
      const parsed = ZPractitionerInput.safeParse(raw);
      if (!parsed.success) {
        const field = String(parsed.error.issues[0].path[0] ?? '');
        fail(r, field, raw[field] === undefined ? 'field_required' : 'field_invalid');
        continue;
      }
      const input = parsed.data;
      if (input.idNumber && !isValidIdNumber(input.idNumber)) {
        fail(r, 'idNumber', 'invalid_id_number');
        continue;
      }
      if (cells.businessUscc) {
        const uscc = cells.businessUscc.toUpperCase();
        if (!businessIds.has(uscc)) businessIds.set(uscc, (await store.getBusinessByUscc(tx, uscc))?.id ?? null);
        const businessId = businessIds.get(uscc);
        if (!businessId) {
          fail(r, 'businessUscc', 'business_not_found');
          continue;
        }
        input.businessId = businessId;
      }
      planned.push({ row: r, id: existing?.id ?? null, input });
    }
    if (errors.length) return { created: 0, updated: 0, errors };

    const audit: TAuditEntry[] = [];
    let created = 0;
    let updated = 0;
    for (const p of planned) {
      const before = p.id ? await store.getPractitioner(tx, p.id) : null;
      const after = p.id
        ? await store.updatePractitioner(tx, p.id, p.input)
        : await store.insertPractitioner(tx, p.input);
      if (p.id) updated++;
      else created++;
      audit.push({
        action: p.id ? 'practitioner.update' : 'practitioner.create',
        objectType: 'practitioner',
        objectId: after.id,
        before,
        after,
      });
    }
    audit.push({ action: 'practitioner.import', objectType: 'practitioner', after: { created, updated } });
    await writeAuditBatch(tx, actor, audit);
    return { created, updated, errors };
  });
}
