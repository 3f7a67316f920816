import type {
  TBusinessKind,
  TCreditEventInput,
  TCreditFile,
  TCreditFileRow,
  TCreditHit,
  TCreditRecord,
  TCreditRuleInput,
  TCreditSettings,
  TCreditSubjectType,
} from '@zhilv/contracts';
import { COUNTY_NAMES_EN } from '@zhilv/contracts';
import { and } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.js';
import { latestEvaluationGrade } from './credit.evaluation.js';
import { recordCreditEvent, scoresOf } from './credit.events.js';
import { canFile, visibleEntriesWhere } from './credit.policy.js';
import * as pub from './credit.public.store.js';
import { scoreHistory } from './credit.score.js';
import * as store from './credit.store.js';
import { entryView, eventView, pledgeView, publicEntryView, publicEventView, ruleView } from './credit.view.js';

export type TCreditDeps = { db: TDb; clock: TClock };

const settingsView = (s: store.TSettingsRow): TCreditSettings => ({
  baseScore: s.baseScore,
  gradeAMin: s.gradeAMin,
  gradeBMin: s.gradeBMin,
  gradeCMin: s.gradeCMin,
  objectionWorkingDays: s.objectionWorkingDays,
  seriousPeriodMonths: s.seriousPeriodMonths,
  minorPeriodMonths: s.minorPeriodMonths,
  repairMinDays: s.repairMinDays,
  repairDecisionWorkingDays: s.repairDecisionWorkingDays,
});

export function createCreditService({ db, clock }: TCreditDeps) {
  async function getFile(actor: TActor, type: TCreditSubjectType, id: string): Promise<TCreditFile> {
    if (!canFile(actor, 'read_file', { type, id })) throw notFound();
    const subject = await store.getSubject(db, type, id);
    if (!subject) throw notFound();
    const now = clock.now();
    const s = await store.getSettings(db);
    const rows = await store.eventsOf(db, type, id);
    const history = scoreHistory(
      s,
      rows.map((r) => r.e),
      now,
    );
    const current = history[history.length - 1];
    const listings =
      type === 'business'
        ? await store.listEntries(db, and(visibleEntriesWhere(actor), store.entriesOfBusiness(id)))
        : [];
    const repairs = await store.repairsOf(
      db,
      listings.map((l) => l.e.id),
    );
    return {
      subjectType: type,
      subjectId: id,
      name: subject.name,
      nameEn: subject.nameEn,
      key: subject.key,
      baseScore: s.baseScore,
      score: current.score,
      grade: current.grade,
      events: rows.map((r) => eventView(r, now)),
      history,
      listings: listings.map((l) => entryView(l, repairs)),
      pledges: type === 'business' ? (await store.pledgesOf(db, id)).map(pledgeView) : [],
    };
  }

  async function listFiles(
    actor: TActor,
    q: { type: TCreditSubjectType; q?: string; grade?: string; page: number; pageSize: number },
  ) {
    if (!canFile(actor, 'read_file', { type: 'practitioner', id: '' })) throw forbidden();
    const s = await store.getSettings(db);
    const { items, total } = await store.listSubjectFiles(db, q.type, q, s, clock.now());
    return {
      total,
      page: q.page,
      pageSize: q.pageSize,
      items: items.map(
        (r): TCreditFileRow => ({ subjectType: q.type, ...r, score: Number(r.score), events: Number(r.events) }),
      ),
    };
  }

  async function listRules() {
    return (await store.listRules(db)).map(ruleView);
  }

  /** Writes the rule's next version: events already recorded keep the version they were recorded under. */
  async function updateRule(actor: TActor, code: string, input: TCreditRuleInput) {
    if (!canFile(actor, 'edit_rules', { type: 'business', id: '' })) throw forbidden();
    return db.transaction(async (tx) => {
      const now = clock.now();
      const before = await store.latestRule(tx, code);
      const row = await store.insertRule(tx, {
        code,
        version: (before?.version ?? 0) + 1,
        ...input,
        createdBy: actor.id,
        createdAt: now,
      });
      await writeAudit(
        tx,
        actor,
        {
          action: 'credit_rule.update',
          objectType: 'credit_rule',
          objectId: row.id,
          before: before ? ruleView(before) : null,
          after: ruleView(row),
        },
        now,
      );
      return ruleView(row);
    });
  }

  async function getSettings() {
    return settingsView(await store.getSettings(db));
  }

  async function updateSettings(actor: TActor, input: TCreditSettings) {
    if (!canFile(actor, 'edit_rules', { type: 'business', id: '' })) throw forbidden();
    if (!(input.gradeAMin > input.gradeBMin && input.gradeBMin > input.gradeCMin))
      throw invalid('credit_thresholds_order', 'gradeBMin');
    return db.transaction(async (tx) => {
      const before = settingsView(await store.getSettings(tx));
      const after = settingsView(await store.updateSettings(tx, input));
      await writeAudit(
        tx,
        actor,
        { action: 'credit_settings.update', objectType: 'credit_settings', objectId: null, before, after },
        clock.now(),
      );
      return after;
    });
  }

  /** A department records an event by hand: an administrative penalty with its decision number, a commendation … */
  async function recordEvent(actor: TActor, input: TCreditEventInput) {
    if (!canFile(actor, 'record_event', { type: input.subjectType, id: input.subjectId })) throw forbidden();
    return db.transaction(async (tx) => {
      if (!(await store.getSubject(tx, input.subjectType, input.subjectId)))
        throw invalid('credit_subject_unknown', 'subjectId');
      const rule = await store.latestRule(tx, input.ruleCode);
      if (!rule?.active) throw invalid('credit_rule_unknown', 'ruleCode');
      const event = await recordCreditEvent(tx, {
        ...(input.subjectType === 'business' ? { businessId: input.subjectId } : { practitionerId: input.subjectId }),
        ruleCode: input.ruleCode,
        evidence: {
          type: input.evidenceType,
          id: input.evidenceId,
          documentNo: input.documentNo,
          fileId: input.fileId,
        },
        departmentId: actor.departmentId,
        effectiveAt: input.effectiveAt ? new Date(input.effectiveAt) : clock.now(),
        public: input.public,
        note: input.note,
        actor,
      });
      if (!event) throw conflict('credit_event_duplicate', 'evidenceId');
      return { id: event.id };
    });
  }

  // ---------- the public record (moved here from the directory) ----------

  async function searchPublic(q: string): Promise<TCreditHit[]> {
    return (await pub.searchCredit(db, q, 20)).map((h) => ({ ...h, kind: h.kind as TBusinessKind }));
  }

  async function getPublicRecord(id: string): Promise<TCreditRecord> {
    const b = await pub.getPublicBusiness(db, id);
    if (!b) throw notFound();
    const now = clock.now();
    const [scores, events, listed, signed, evaluation] = await Promise.all([
      scoresOf(db, [id], now),
      store.eventsOf(db, 'business', id, true),
      store.listEntries(db, and(store.entriesOfBusiness(id), store.listedEntries())),
      store.pledgesOf(db, id),
      latestEvaluationGrade(db, id),
    ]);
    return {
      id: b.id,
      name: b.name,
      nameEn: b.nameEn,
      uscc: b.uscc,
      licenseNo: b.licenseNo,
      kind: b.kind as TBusinessKind,
      aLevel: b.aLevel,
      stars: b.stars,
      grade: b.grade,
      badges: b.badges,
      regionCode: b.regionCode,
      regionName: b.regionName,
      countyCode: b.countyCode,
      countyName: b.countyName,
      countyNameEn: COUNTY_NAMES_EN[b.countyCode] ?? null,
      address: b.address,
      creditGrade: scores.get(id)?.grade ?? 'ungraded',
      events: events.filter((e) => eventView(e, now).inForce).map(publicEventView),
      pledges: signed
        .filter((p) => p.p.status === 'in_force')
        .map((p) => {
          const v = pledgeView(p);
          return { id: v.id, title: v.title, titleEn: v.titleEn, status: v.status, signedAt: v.signedAt };
        }),
      inspections: { value: null, pending: true },
      dishonestList: listed.map(publicEntryView),
      evaluation,
    };
  }

  async function publicList() {
    return (await store.listEntries(db, store.listedEntries(), 500)).map(publicEntryView);
  }

  return {
    getFile,
    listFiles,
    listRules,
    updateRule,
    getSettings,
    updateSettings,
    recordEvent,
    searchPublic,
    getPublicRecord,
    publicList,
  };
}
export type TCreditService = ReturnType<typeof createCreditService>;
