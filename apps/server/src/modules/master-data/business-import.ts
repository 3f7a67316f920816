import { createHash } from 'node:crypto';
import {
  type TBusinessInput,
  type TImportPreview,
  type TImportPreviewRow,
  type TLocale,
  ZBusinessInput,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { type TAuditEntry, writeAuditBatch } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { cellText, readFirstSheet } from '../../platform/excel.js';
import { message, type TMessageCode } from '../../platform/messages.js';
import { isValidUscc } from '../../platform/validators.js';
import { BUSINESS_COLUMNS } from './master-data.excel.js';
import * as store from './master-data.store.js';

const NUMERIC_KEYS = new Set(['aLevel', 'stars', 'lng', 'lat']);

/** A new row is written whole; a changed row writes only the fields it changes. */
type TWrite = { id: null; input: TBusinessInput } | { id: string; input: Partial<TBusinessInput> };
type TPlan = TImportPreview & { writes: TWrite[] };

/** Stored and file values compare equal when both are empty, or the same number or text. */
function same(before: unknown, after: unknown) {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(before) && empty(after)) return true;
  if (typeof before === 'number' || typeof after === 'number') return Number(before) === Number(after);
  return String(before ?? '') === String(after ?? '');
}

/**
 * Reads a business sheet (the export's own layout) and says what importing it would do, row by row: new, changed
 * (with each changed field's stored and new value), unchanged, or invalid (with its field errors). Nothing is
 * written. A cell left empty keeps the stored value, so only the fields the file fills can change.
 */
async function plan(tx: TExecutor, buf: Buffer, lang: TLocale): Promise<TPlan> {
  const { ws, headerIndex } = await readFirstSheet(buf);
  const missing = BUSINESS_COLUMNS.find((c) => ['name', 'kind', 'uscc'].includes(c.key) && !headerIndex.has(c.header));
  if (missing) throw new AppError('import_headers', 422, missing.key);
  const rows: TImportPreviewRow[] = [];
  const writes: TPlan['writes'] = [];
  const seen = new Set<string>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (!row.hasValues) continue;
    const raw: Record<string, unknown> = {};
    for (const c of BUSINESS_COLUMNS) {
      const col = headerIndex.get(c.header);
      const v = col ? cellText(row.getCell(col).value) : '';
      if (v) raw[c.key] = NUMERIC_KEYS.has(c.key) ? Number(v) : v;
    }
    if (!Object.keys(raw).length) continue;
    const base = {
      row: r,
      uscc: typeof raw.uscc === 'string' ? raw.uscc.toUpperCase() : null,
      name: typeof raw.name === 'string' ? raw.name : null,
    };
    const errors: TImportPreviewRow['errors'] = [];
    const fail = (field: string, code: TMessageCode) => errors.push({ field, message: message(code, lang) });
    const parsed = ZBusinessInput.safeParse(raw);
    if (!parsed.success) {
      // every field's first problem, so one preview shows all there is to fix in the row
      const fields = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
      for (const f of fields) fail(f, raw[f] === undefined ? 'field_required' : 'field_invalid');
    } else if (!isValidUscc(parsed.data.uscc)) fail('uscc', 'invalid_uscc');
    else if (seen.has(parsed.data.uscc)) fail('uscc', 'duplicate');
    if (errors.length || !parsed.success) {
      rows.push({ ...base, status: 'invalid', id: null, errors, changes: [] });
      continue;
    }
    const input = parsed.data;
    seen.add(input.uscc);
    const existing = await store.getBusinessByUscc(tx, input.uscc);
    if (!existing) {
      rows.push({ ...base, status: 'new', id: null, errors: [], changes: [] });
      writes.push({ id: null, input });
      continue;
    }
    const changes: TImportPreviewRow['changes'] = [];
    for (const c of BUSINESS_COLUMNS) {
      const after = (input as Record<string, unknown>)[c.key];
      // an empty cell keeps what is stored (the zod default fills address with '')
      if (raw[c.key] === undefined) continue;
      const before = (existing as Record<string, unknown>)[c.key];
      if (!same(before, after)) changes.push({ field: c.key, before: before ?? null, after: after ?? null });
    }
    rows.push({ ...base, status: changes.length ? 'changed' : 'unchanged', id: existing.id, errors: [], changes });
    if (changes.length) {
      writes.push({ id: existing.id, input: Object.fromEntries(changes.map((ch) => [ch.field, ch.after])) });
    }
  }
  const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const r of rows) counts[r.status]++;
  // The file's bytes and what it would change: another file, or the same file after someone edited one of its
  // businesses, gives another token.
  const token = createHash('sha256')
    .update(buf)
    .update(JSON.stringify(rows.map((r) => [r.row, r.status, r.id, r.changes])))
    .digest('hex');
  return { token, counts, rows, writes };
}

export async function previewBusinessImport(db: TDb, buf: Buffer, lang: TLocale): Promise<TImportPreview> {
  const { writes: _, ...preview } = await plan(db, buf, lang);
  return preview;
}

/**
 * Applies a previewed import in one transaction: the file is read again and planned again inside it, and must
 * give the preview's token — otherwise nothing is written (409). Any invalid row and nothing is written (422).
 * Only new and changed rows are written, each with its audit entry (before and after), plus one for the import.
 */
export async function confirmBusinessImport(db: TDb, actor: TActor, buf: Buffer, token: string, lang: TLocale) {
  return db.transaction(async (tx) => {
    const p = await plan(tx, buf, lang);
    if (p.token !== token) throw new AppError('import_preview_stale', 409, 'token');
    const errors = p.rows.flatMap((r) => r.errors.map((e) => ({ row: r.row, ...e })));
    if (errors.length) return { created: 0, updated: 0, unchanged: p.counts.unchanged, errors };
    const audit: TAuditEntry[] = [];
    for (const w of p.writes) {
      const before = w.id ? await store.getBusiness(tx, w.id) : null;
      const after =
        w.id === null ? await store.insertBusiness(tx, w.input) : await store.updateBusiness(tx, w.id, w.input);
      audit.push({
        action: w.id ? 'business.update' : 'business.create',
        objectType: 'business',
        objectId: after.id,
        before,
        after,
      });
    }
    const counts = { created: p.counts.new, updated: p.counts.changed, unchanged: p.counts.unchanged };
    audit.push({ action: 'business.import', objectType: 'business', after: { ...counts, token } });
    await writeAuditBatch(tx, actor, audit);
    return { ...counts, errors };
  });
}
