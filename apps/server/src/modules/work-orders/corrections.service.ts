import fs from 'node:fs';
import { CATEGORY_IDS, CATEGORY_LABELS, type TCategoryId } from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { toXlsx } from '../../platform/excel.js';
import { anonymiseText } from './anonymise.js';
import type { TGate } from './classify/calibration.js';
import { classifyFile } from './classify/data-files.js';
import * as store from './corrections.store.js';
import type { TWorkOrderRow } from './work-orders.store.js';

/**
 * Called in the transaction that changes an order's category (the dispatch action): records the pair for the
 * admin to review. The text is anonymised (phones, ID numbers) since it may leave the system as a training row.
 */
export async function recordCategoryCorrection(
  tx: TExecutor,
  actor: TActor,
  o: TWorkOrderRow,
  corrected: string,
  at: Date,
): Promise<void> {
  if (!corrected || corrected === o.category) return;
  const suggested = (o.classification as { category?: string } | null)?.category ?? null;
  await store.insertCorrection(tx, {
    workOrderId: o.id,
    text: anonymiseText(o.text),
    originalCategory: o.category,
    suggestedCategory: suggested,
    correctedCategory: corrected,
    correctedBy: actor.id,
    correctedAt: at,
  });
}

let gate: TGate | null = null;

/** The auto-dispatch table measured when the model was built (model/gate.json beside model.json). */
export function readGate(): TGate {
  gate ??= JSON.parse(fs.readFileSync(classifyFile('model/gate.json'), 'utf8')) as TGate;
  return gate;
}

const label = (c: string | null, lang: 'zh' | 'en') =>
  c && (CATEGORY_IDS as readonly string[]).includes(c) ? CATEGORY_LABELS[c as TCategoryId][lang] : (c ?? '');

export function createCorrections(db: TDb, clock: TClock) {
  return {
    /** The prefecture's date, for an export's file name. */
    today: () => new Date(clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
    list: (q: { status: store.TCorrectionStatus | 'all'; page: number; pageSize: number }) =>
      store.listCorrections(db, { status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),

    async review(actor: TActor, id: string, decision: 'accepted' | 'rejected') {
      return db.transaction(async (tx) => {
        const row = await store.lockCorrection(tx, id);
        if (!row) throw notFound();
        if (row.status !== 'pending') throw new AppError('correction_already_reviewed', 409, 'decision');
        const saved = await store.setCorrectionStatus(tx, id, decision, actor.id, clock.now());
        await writeAudit(tx, actor, {
          action: `category_correction.${decision === 'accepted' ? 'accept' : 'reject'}`,
          objectType: 'category_correction',
          objectId: id,
          before: { status: row.status },
          after: { status: decision, correctedCategory: row.correctedCategory },
        });
        return saved;
      });
    },

    /** Accepted corrections as training rows: JSONL for `classify:build --corrections`, or a workbook to read. */
    async exportAccepted(format: 'jsonl' | 'xlsx'): Promise<Buffer> {
      const rows = await store.acceptedCorrections(db);
      if (format === 'jsonl')
        return Buffer.from(rows.map((r) => `${JSON.stringify({ category: r.category, text: r.text })}\n`).join(''));
      return toXlsx(
        '分类更正 Corrections',
        [
          { key: 'category', header: '类别 Category', width: 20 },
          { key: 'label', header: '类别名称 Label', width: 24 },
          { key: 'text', header: '诉求内容 Text', width: 80 },
          { key: 'at', header: '更正时间 Corrected at', width: 22 },
        ],
        rows.map((r) => ({
          category: r.category,
          label: `${label(r.category, 'zh')} ${label(r.category, 'en')}`,
          text: r.text,
          at: r.at.toISOString(),
        })),
      );
    },
  };
}
export type TCorrections = ReturnType<typeof createCorrections>;
