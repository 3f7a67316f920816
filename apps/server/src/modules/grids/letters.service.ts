import {
  LETTER_REMIND_DAYS,
  shanghaiDay,
  type TIssueLetterInput,
  type TLetterTemplateInput,
  type TResponsibilityLetter,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import { SYSTEM_ACTOR, type TActor } from '../../platform/actor.js';
import { writeAudit, writeAuditBatch } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { STAGE, schedule, type TDeadlineHandler } from '../../platform/deadlines/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import { businessAccountIds } from '../accounts/index.js';
import { attachFiles } from '../files/index.js';
import { canLetter, lettersVisibleWhere, type TGridReach } from './grids.policy.js';
import { gridReachOf } from './grids.service.js';
import { buildLetterPdf, type TPdfFont } from './letter-pdf.js';
import { composeLetterText, letterSha256 } from './letter-text.js';
import * as store from './letters.store.js';

/** The deadline engine's kind for a letter's expiry reminder; its one stage is `remind`. */
export const LETTER_EXPIRY = 'responsibility_letter.expiry';
const DAY_MS = 86_400_000;
/** Party A signs for the government: a leader or a department's official. */
const PARTY_A_ROLES = new Set(['leader', 'department_head', 'department_staff']);

/** 09:00 in the prefecture on the day `LETTER_REMIND_DAYS` before the period's last day, or now if that is past. */
export function reminderAt(periodEnd: string, now: Date): Date {
  const at = new Date(Date.parse(`${periodEnd}T01:00:00Z`) - LETTER_REMIND_DAYS * DAY_MS);
  return at.getTime() < now.getTime() ? now : at;
}
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

function view(reach: TGridReach, actor: TActor, v: store.TLetterView): TResponsibilityLetter {
  const l = v.letter;
  return {
    id: l.id,
    templateId: l.templateId,
    topic: l.topic as TResponsibilityLetter['topic'],
    businessId: l.businessId,
    businessName: v.businessName,
    businessNameEn: v.businessNameEn,
    title: l.title,
    titleEn: l.titleEn,
    text: l.text,
    textSha256: l.textSha256,
    partyAName: l.partyAName,
    partyAUserId: l.partyAUserId,
    partyAUserName: v.partyAUserName,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    status: l.status as TResponsibilityLetter['status'],
    signedName: l.signedName,
    signedAt: l.signedAt?.toISOString() ?? null,
    signedVia: (l.signedVia as TResponsibilityLetter['signedVia']) ?? null,
    scanFileId: l.scanFileId,
    issuedAt: l.issuedAt.toISOString(),
    can: { sign: canLetter(reach, actor, 'sign', l), uploadScan: canLetter(reach, actor, 'upload_scan', l) },
  };
}

/**
 * The reminder: the business's accounts and the party-A official are told the letter ends in 30 days (a new one is
 * due), in the engine's transaction, so each letter is reminded once whichever instance sweeps.
 */
export const letterExpiryHandler: TDeadlineHandler = async (tx, firing, { now, outbox }) => {
  const l = await store.lockLetter(tx, firing.objectId);
  if (!l) return 'stop';
  const to = [...(await businessAccountIds(tx, l.businessId)), l.partyAUserId];
  for (const userId of new Set(to))
    outbox.notify(
      { userId },
      {
        kind: 'letter_expiring',
        titleZh: `《${l.title}》将于 ${l.periodEnd} 到期，请及时续签`,
        titleEn: `The responsibility letter "${l.titleEn ?? l.title}" ends on ${l.periodEnd}: a new one is due`,
        objectType: 'responsibility_letter',
        objectId: l.id,
      },
    );
  await writeAuditBatch(
    tx,
    SYSTEM_ACTOR,
    [{ action: 'responsibility_letter.remind', objectType: 'responsibility_letter', objectId: l.id, after: { to } }],
    now,
  );
  return 'stop';
};

export function createLettersService(deps: { db: TDb; clock: TClock; font: TPdfFont | null }) {
  const { db, clock } = deps;

  async function visible(actor: TActor, id: string, tx: TExecutor = db) {
    const reach = await gridReachOf(tx, actor);
    const v = await store.getLetter(tx, id);
    if (!v || !canLetter(reach, actor, 'view', v.letter)) throw notFound();
    return { reach, v };
  }

  return {
    listTemplates: () => store.listTemplates(db),
    async saveTemplate(actor: TActor, id: string | null, input: TLetterTemplateInput) {
      return db.transaction(async (tx) => {
        const before = id ? await store.getTemplate(tx, id) : null;
        if (id && !before) throw notFound();
        const same = await store.getTemplateByCode(tx, input.code);
        if (same && same.id !== id) throw new AppError('duplicate', 409, 'code');
        const values = { ...input, titleEn: input.titleEn ?? null, updatedAt: clock.now() };
        const t = id ? await store.updateTemplate(tx, id, values) : await store.insertTemplate(tx, values);
        await writeAudit(
          tx,
          actor,
          {
            action: id ? 'letter_template.update' : 'letter_template.create',
            objectType: 'letter_template',
            objectId: t.id,
            before,
            after: t,
          },
          clock.now(),
        );
        return t;
      });
    },

    async issue(actor: TActor, input: TIssueLetterInput) {
      if (input.periodEnd < input.periodStart) throw new AppError('field_invalid', 422, 'periodEnd');
      return db.transaction(async (tx) => {
        const now = clock.now();
        const t = await store.getTemplate(tx, input.templateId);
        if (!t?.active) throw new AppError('field_invalid', 422, 'templateId');
        const b = await store.businessParty(tx, input.businessId);
        if (!b) throw new AppError('business_not_found', 422, 'businessId');
        const a = await store.userParty(tx, input.partyAUserId);
        if (!a || a.disabled || !PARTY_A_ROLES.has(a.role)) throw new AppError('field_invalid', 422, 'partyAUserId');
        const text = composeLetterText({
          title: t.title,
          body: t.body,
          partyAName: t.partyAName,
          partyAPerson: a.displayName,
          businessName: b.name,
          uscc: b.uscc,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
        });
        const l = await store.insertLetter(tx, {
          templateId: t.id,
          topic: t.topic,
          businessId: b.id,
          title: t.title,
          titleEn: t.titleEn,
          text,
          textSha256: letterSha256(text),
          partyAName: t.partyAName,
          partyAUserId: a.id,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          issuedByUserId: actor.id,
          issuedAt: now,
        });
        await schedule(tx, {
          kind: LETTER_EXPIRY,
          objectType: 'responsibility_letter',
          objectId: l.id,
          stages: [{ name: STAGE.remind, at: reminderAt(l.periodEnd, now) }],
          start: now,
        });
        await writeAudit(
          tx,
          actor,
          {
            action: 'responsibility_letter.issue',
            objectType: 'responsibility_letter',
            objectId: l.id,
            after: {
              businessId: b.id,
              templateId: t.id,
              period: [l.periodStart, l.periodEnd],
              textSha256: l.textSha256,
            },
          },
          now,
        );
        return l;
      });
    },

    async list(actor: TActor, f: store.TLetterFilter, page: number, pageSize: number) {
      const reach = await gridReachOf(db, actor);
      const today = shanghaiDay(clock.now());
      const r = await store.listLetters(
        db,
        lettersVisibleWhere(reach),
        f,
        { today, soon: addDays(today, LETTER_REMIND_DAYS) },
        page,
        pageSize,
      );
      return { items: r.items.map((v) => view(reach, actor, v)), total: r.total, page, pageSize };
    },
    async get(actor: TActor, id: string) {
      const { reach, v } = await visible(actor, id);
      return view(reach, actor, v);
    },

    /**
     * The business signs online: the name it types, the time, and the text's SHA-256 — which must be the hash of
     * the letter's stored text, i.e. the signer confirms the very text they were shown.
     */
    async sign(actor: TActor, id: string, input: { signedName: string; textSha256: string }, key?: string) {
      return db.transaction(async (tx) => {
        const prior = key
          ? await claimIdempotencyKey<TResponsibilityLetter>(
              tx,
              key,
              actor.id!,
              hashRequest({ id, ...input }),
              clock.now(),
            )
          : null;
        if (prior) return prior;
        const reach = await gridReachOf(tx, actor);
        const l = await store.lockLetter(tx, id);
        if (!l || !canLetter(reach, actor, 'view', l)) throw notFound();
        if (l.status === 'signed') throw new AppError('letter_already_signed', 409);
        if (!canLetter(reach, actor, 'sign', l)) throw new AppError('forbidden', 403);
        if (input.textSha256 !== l.textSha256 || letterSha256(l.text) !== l.textSha256)
          throw new AppError('letter_text_changed', 409, 'textSha256');
        const now = clock.now();
        const after = await store.updateLetter(tx, id, {
          status: 'signed',
          signedName: input.signedName,
          signedAt: now,
          signedByUserId: actor.id,
          signedVia: 'online',
        });
        await writeAudit(
          tx,
          actor,
          {
            action: 'responsibility_letter.sign',
            objectType: 'responsibility_letter',
            objectId: id,
            before: { status: l.status },
            after: { status: 'signed', signedName: input.signedName, signedAt: now, textSha256: l.textSha256 },
          },
          now,
        );
        const answer = view(reach, actor, (await store.getLetter(tx, after.id))!);
        if (key) await storeIdempotentAnswer(tx, key, actor.id!, answer);
        return answer;
      });
    },

    /** The official uploads the paper the business signed (a photo or scan, through the files module). */
    async uploadScan(actor: TActor, id: string, input: { fileId: string; signedName: string }, key?: string) {
      return db.transaction(async (tx) => {
        const prior = key
          ? await claimIdempotencyKey<TResponsibilityLetter>(
              tx,
              key,
              actor.id!,
              hashRequest({ id, ...input }),
              clock.now(),
            )
          : null;
        if (prior) return prior;
        const reach = await gridReachOf(tx, actor);
        const l = await store.lockLetter(tx, id);
        if (!l || !canLetter(reach, actor, 'view', l)) throw notFound();
        if (l.status === 'signed') throw new AppError('letter_already_signed', 409);
        if (!canLetter(reach, actor, 'upload_scan', l)) throw new AppError('forbidden', 403);
        await attachFiles(tx, actor, [input.fileId], 'responsibility_letter', id);
        const now = clock.now();
        await store.updateLetter(tx, id, {
          status: 'signed',
          signedName: input.signedName,
          signedAt: now,
          signedByUserId: actor.id,
          signedVia: 'scan',
          scanFileId: input.fileId,
        });
        await writeAudit(
          tx,
          actor,
          {
            action: 'responsibility_letter.scan',
            objectType: 'responsibility_letter',
            objectId: id,
            before: { status: l.status },
            after: { status: 'signed', signedName: input.signedName, fileId: input.fileId },
          },
          now,
        );
        const answer = view(reach, actor, (await store.getLetter(tx, id))!);
        if (key) await storeIdempotentAnswer(tx, key, actor.id!, answer);
        return answer;
      });
    },

    async pdf(actor: TActor, id: string) {
      const { v } = await visible(actor, id);
      return { pdf: await buildLetterPdf(deps.font, v.letter, v.businessName), letter: v.letter };
    },
  };
}
export type TLettersService = ReturnType<typeof createLettersService>;

/** For the files module: may this actor see the signed scan attached to this letter? */
export async function mayReadLetter(db: TExecutor, actor: TActor, id: string) {
  const reach = await gridReachOf(db, actor);
  const v = await store.getLetter(db, id);
  return !!v && canLetter(reach, actor, 'view', v.letter);
}
