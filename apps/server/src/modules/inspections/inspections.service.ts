import { randomUUID } from 'node:crypto';
import {
  CATEGORY_LABELS,
  SEVERITIES,
  SEVERITY_LABELS,
  type TChecklistInput,
  type TChecklistView,
  type THazardListQuery,
  type THazardView,
  type TInspectionListQuery,
  type TInspectionView,
  type TInterviewInput,
  type TInterviewView,
  type TRectificationDays,
  type TStatsQuery,
  type TStatsRow,
  type TSubmitInspection,
} from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import type { TAuditEntry } from '../../platform/audit.js';
import { writeAuditBatch } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import type { TCommandContext, TCommandFacts, TCommandRunner } from '../../platform/commands/index.js';
import { cancel as cancelDeadline, schedule } from '../../platform/deadlines/index.js';
import { forbidden, invalid, notFound } from '../../platform/errors.js';
import type { TEventHub } from '../../platform/events.js';
import { claimIdempotencyKey, hashRequest, storeIdempotentAnswer } from '../../platform/idempotency.js';
import type { TMessageCode } from '../../platform/messages.js';
import { createOutbox, type TOutbox } from '../../platform/notify.js';
import { attachFiles } from '../files/index.js';
import { gridNamesByIds } from '../grids/index.js';
import { departmentNamesByIds } from '../master-data/index.js';
import { createSystemWorkOrder } from '../work-orders/index.js';
import type { THazardFacts } from './inspections.commands.js';
import {
  canHazard,
  canInspection,
  hazardsVisibleWhere,
  inspectionsVisibleWhere,
  interviewsVisibleWhere,
  mayInspect,
  mayRecordInterview,
  NO_SCOPE,
  reaches,
  reachOf,
  type TGridScope,
} from './inspections.policy.js';
import {
  checkResults,
  dueAtFrom,
  newHazardNo,
  newReferralNo,
  placeCheck,
  rectificationDaysFrom,
  rectificationStages,
  timeFlags,
} from './inspections.rules.js';
import * as store from './inspections.store.js';
import type { THazardHistory } from './inspections.tables.js';

/** The deadline engine's kinds of this module. */
export const RECTIFICATION_DEADLINE = 'hazard.rectification';
export const INTERVIEW_FOLLOW_UP = 'interview.follow_up';

export type TInspectionsDeps = {
  db: TDb;
  clock: TClock;
  events: TEventHub;
  commands: TCommandRunner;
  /** the grids module's gridScopeOf (until it lands: master data's, grid worker only) */
  gridScope: (db: TExecutor, userId: string) => Promise<TGridScope>;
};

/** A replayed submission: its stored answer, thrown out of the runner's transaction (which then rolls back). */
class Replayed extends Error {
  constructor(public readonly answer: TInspectionView) {
    super('replayed');
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function createInspectionsService(deps: TInspectionsDeps) {
  const { db, clock, events, commands } = deps;

  /** The grids the actor serves or heads: asked of roles that work in grids, nobody else. */
  async function scopeOf(actor: TActor, tx: TExecutor = db): Promise<TGridScope> {
    if (!actor.id) return NO_SCOPE;
    if (actor.role === 'grid_worker' || actor.role === 'department_staff' || actor.role === 'department_head')
      return deps.gridScope(tx, actor.id);
    return NO_SCOPE;
  }

  // ---------------- checklists ----------------

  const checklistView = (c: store.TChecklistRow): TChecklistView => ({
    id: c.id,
    code: c.code,
    version: c.version,
    name: c.name,
    nameEn: c.nameEn,
    topic: c.topic as TChecklistView['topic'],
    businessKind: c.businessKind as TChecklistView['businessKind'],
    items: c.items,
    active: c.active,
    createdAt: c.createdAt.toISOString(),
  });

  async function listChecklists(includeOld: boolean) {
    return (await store.listChecklists(db, includeOld)).map(checklistView);
  }

  async function getChecklist(id: string) {
    const c = await store.getChecklist(db, id);
    if (!c) throw notFound();
    return checklistView(c);
  }

  /**
   * Creates a checklist, or revises one: a new version under the same code; earlier versions stop being offered
   * but stay, as inspections done with them point at them.
   */
  async function saveChecklist(actor: TActor, body: TChecklistInput) {
    const keys = new Set(body.items.map((i) => i.key));
    if (keys.size !== body.items.length) throw invalid('inspection_item_duplicate', 'items');
    return db.transaction(async (tx) => {
      const now = clock.now();
      const latest = await store.lockLatestChecklist(tx, body.code);
      if (latest) await store.retireChecklistVersions(tx, body.code);
      const row = await store.insertChecklist(tx, {
        ...body,
        version: (latest?.version ?? 0) + 1,
        active: true,
        createdBy: actor.id,
        createdAt: now,
      });
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: latest ? 'checklist.revise' : 'checklist.create',
            objectType: 'checklist',
            objectId: row.id,
            before: latest ? { id: latest.id, version: latest.version, items: latest.items.length } : undefined,
            after: { code: row.code, version: row.version, items: row.items.length },
          },
        ],
        now,
      );
      return checklistView(row);
    });
  }

  // ---------------- rectification days ----------------

  async function rectificationDays(tx: TExecutor = db): Promise<TRectificationDays> {
    return rectificationDaysFrom(await store.readRectificationDays(tx));
  }

  async function setRectificationDays(actor: TActor, body: TRectificationDays) {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const before = await rectificationDays(tx);
      await store.writeRectificationDays(
        tx,
        SEVERITIES.map((s) => ({ severity: s, days: body[s] })),
      );
      await writeAuditBatch(
        tx,
        actor,
        [{ action: 'rectification_days.update', objectType: 'rectification_days', before, after: body }],
        now,
      );
      return rectificationDays(tx);
    });
  }

  // ---------------- inspections ----------------

  async function inspectionViews(tx: TExecutor, rows: store.TInspectionRow[]): Promise<TInspectionView[]> {
    const biz = await store.businessNames(
      tx,
      rows.map((r) => r.businessId),
    );
    const people = await store.userNames(
      tx,
      rows.flatMap((r) => (r.inspectorUserId ? [r.inspectorUserId] : [])),
    );
    const lists = new Map(
      (
        await store.checklistsByIds(
          tx,
          rows.map((r) => r.checklistId),
        )
      ).map((c) => [c.id, c]),
    );
    const out: TInspectionView[] = [];
    for (const r of rows) {
      const c = lists.get(r.checklistId);
      const items = new Map((c?.items ?? []).map((i) => [i.key, i]));
      const b = biz.get(r.businessId);
      const hz = r.result === 'fail' ? await store.hazardsOfInspection(tx, r.id) : [];
      out.push({
        id: r.id,
        kind: r.kind as TInspectionView['kind'],
        business: { id: r.businessId, name: b?.name ?? '', nameEn: b?.nameEn ?? null },
        gridId: r.gridId,
        departmentId: r.departmentId,
        inspector: { id: r.inspectorUserId, name: people.get(r.inspectorUserId ?? '')?.name ?? '' },
        teamUserIds: r.teamUserIds,
        checklist: {
          id: r.checklistId,
          code: c?.code ?? '',
          name: c?.name ?? '',
          nameEn: c?.nameEn ?? '',
          version: c?.version ?? 0,
        },
        drawTaskId: r.drawTaskId,
        reinspectsHazardId: r.reinspectsHazardId,
        startedAt: r.startedAt.toISOString(),
        submittedAt: r.submittedAt.toISOString(),
        night: r.night,
        weekend: r.weekend,
        distanceM: r.distanceM,
        farFromBusiness: r.farFromBusiness,
        result: r.result as 'pass' | 'fail',
        results: r.results.map((x) => {
          const item = items.get(x.key);
          return {
            ...x,
            text: item?.text ?? x.key,
            textEn: item?.textEn ?? '',
            severity: item?.severity ?? 'general',
          };
        }),
        notes: r.notes,
        photoIds: r.photoIds,
        confirmedByName: r.confirmedByName,
        confirmedAt: iso(r.confirmedAt),
        confirmedVia: r.confirmedVia as TInspectionView['confirmedVia'],
        publishedAt: iso(r.publishedAt),
        hazardIds: hz.map((h) => h.id),
      });
    }
    return out;
  }

  const inspectionFacts = (r: store.TInspectionRow) => ({
    businessId: r.businessId,
    gridId: r.gridId,
    departmentId: r.departmentId,
    inspectorUserId: r.inspectorUserId,
    hiddenFromBusiness: !r.publishedAt,
  });

  type TPending = {
    id: string;
    business: NonNullable<Awaited<ReturnType<typeof store.businessFacts>>>;
    checklist: store.TChecklistRow;
    scope: TGridScope;
    team: string[];
  };

  /**
   * 提交检查: the whole visit in one command — the record, a hazard with its rectification order and deadline for
   * each failed item, the business told, subscribers (draws, credit) told in the same transaction. A replayed
   * Idempotency-Key answers the first submission's record.
   */
  async function submit(actor: TActor, body: TSubmitInspection, key?: string): Promise<TInspectionView> {
    if (!actor.id) throw forbidden();
    const userId = actor.id;
    try {
      return await commands.run({
        name: 'inspection.submitted',
        actor,
        async lock(tx): Promise<TPending> {
          const now = clock.now();
          if (key) {
            const prior = await claimIdempotencyKey<TInspectionView>(tx, key, userId, hashRequest(body), now);
            if (prior) throw new Replayed(prior);
          }
          const business = await store.businessFacts(tx, body.businessId);
          if (!business) throw invalid('business_not_found', 'businessId');
          const checklist = await store.getChecklist(tx, body.checklistId);
          if (!checklist) throw invalid('checklist_not_found', 'checklistId');
          if (!checklist.active) throw invalid('checklist_retired', 'checklistId');
          const started = new Date(body.startedAt);
          // The phone's clock may lag; a visit kept offline for a week is still sent, one from the future is not.
          if (started.getTime() > now.getTime() + 10 * 60_000 || now.getTime() - started.getTime() > 14 * 86_400_000)
            throw invalid('inspection_started_at_invalid', 'startedAt');
          const problem = checkResults(checklist.items, body.results);
          if (problem) throw invalid(problem.code, problem.field);
          if (body.kind === 'random_draw' && !body.drawTaskId)
            throw invalid('inspection_draw_task_missing', 'drawTaskId');
          if (body.kind !== 'random_draw' && body.drawTaskId)
            throw invalid('inspection_draw_task_missing', 'drawTaskId');
          if (body.kind === 'reinspection') {
            if (!body.hazardId) throw invalid('inspection_hazard_missing', 'hazardId');
            const h = await store.getHazard(tx, body.hazardId);
            if (!h || h.businessId !== business.id) throw invalid('inspection_hazard_missing', 'hazardId');
          }
          const teamIds = [...new Set(body.teamUserIds.filter((x) => x !== userId))];
          const team = await store.inspectingUsers(tx, teamIds);
          if (team.length !== teamIds.length) throw invalid('inspection_team_invalid', 'teamUserIds');
          return { id: randomUUID(), business, checklist, scope: await scopeOf(actor, tx), team };
        },
        authorize: (p) => {
          const ok = mayInspect(actor, p.scope, { id: p.business.id, gridId: p.business.gridId });
          // A business out of a grid worker's grids is one they cannot see here: 404, as for a missing id.
          return { view: ok, act: ok };
        },
        transition: () => ({ status: 'submitted' as const }),
        async write(c, p) {
          const startedAt = new Date(body.startedAt);
          const flags = timeFlags(startedAt);
          const place = placeCheck(body.position, p.business);
          const failed = body.results.filter((r) => r.outcome === 'fail');
          const allPhotos = [...body.photoIds, ...body.results.flatMap((r) => r.photoIds)];
          await attachFiles(c.tx, actor, allPhotos, 'inspection', p.id);
          const row = await store.insertInspection(c.tx, {
            id: p.id,
            kind: body.kind,
            businessId: p.business.id,
            gridId: p.business.gridId,
            regionCode: p.business.regionCode,
            departmentId: actor.departmentId,
            inspectorUserId: actor.id,
            teamUserIds: p.team,
            checklistId: p.checklist.id,
            drawTaskId: body.drawTaskId,
            reinspectsHazardId: body.hazardId,
            startedAt,
            submittedAt: c.now,
            lng: body.position?.lng ?? null,
            lat: body.position?.lat ?? null,
            distanceM: place.distanceM,
            farFromBusiness: place.far,
            night: flags.night,
            weekend: flags.weekend,
            result: failed.length ? 'fail' : 'pass',
            results: body.results,
            notes: body.notes,
            photoIds: body.photoIds,
            confirmedByName: body.confirmedByName,
            confirmedAt: body.confirmedByName ? c.now : null,
            confirmedVia: body.confirmedByName ? 'screen' : null,
            // 暗访 stays hidden from the business until someone publishes it.
            publishedAt: body.kind === 'mystery' ? null : c.now,
          });
          const days = await rectificationDays(c.tx);
          const items = new Map(p.checklist.items.map((i) => [i.key, i]));
          const created: store.THazardRow[] = [];
          for (const r of failed) {
            const item = items.get(r.key)!;
            const dueAt = dueAtFrom(c.now, days[item.severity]);
            const h = await store.insertHazard(c.tx, {
              hazardNo: newHazardNo(c.now),
              inspectionId: row.id,
              businessId: row.businessId,
              gridId: row.gridId,
              regionCode: row.regionCode,
              departmentId: row.departmentId,
              itemKey: item.key,
              itemText: item.text,
              itemTextEn: item.textEn,
              legalBasis: item.legalBasis,
              severity: item.severity,
              description: r.note,
              photoIds: r.photoIds,
              status: 'open',
              dueAt,
              round: 1,
              supervisorUserId: actor.id,
              history: [{ at: c.now.toISOString(), action: 'issued', by: actor.id, note: '' }],
              createdAt: c.now,
              updatedAt: c.now,
            });
            await schedule(c.tx, {
              kind: RECTIFICATION_DEADLINE,
              objectType: 'hazard',
              objectId: h.id,
              stages: rectificationStages(c.now, dueAt),
              start: c.now,
            });
            created.push(h);
          }
          // A mystery visit's hazards are served once it is published; others at once.
          if (created.length && row.publishedAt) await tellBusinessOfHazards(c.tx, c.outbox, row.businessId, created);
          return { row, hazards: created };
        },
        timeline: async () => {},
        audit: (_p, a) => ({
          action: 'inspection.submit',
          objectType: 'inspection',
          objectId: a.row.id,
          after: {
            kind: a.row.kind,
            businessId: a.row.businessId,
            result: a.row.result,
            hazards: a.hazards.map((h) => h.hazardNo),
            farFromBusiness: a.row.farFromBusiness,
            night: a.row.night,
            weekend: a.row.weekend,
          },
        }),
        facts: (_p, a) => ({
          inspectionId: a.row.id,
          businessId: a.row.businessId,
          kind: a.row.kind as TInspectionView['kind'],
          drawTaskId: a.row.drawTaskId,
          result: a.row.result as 'pass' | 'fail',
          failedItems: a.hazards.map((h) => ({
            key: h.itemKey,
            severity: h.severity as THazardView['severity'],
            hazardId: h.id,
          })),
          submittedAt: a.row.submittedAt,
        }),
        publish: () => [],
        async answer(c, a) {
          const [view] = await inspectionViews(c.tx, [a.row]);
          if (key) await storeIdempotentAnswer(c.tx, key, userId, view);
          return view;
        },
      });
    } catch (e) {
      if (e instanceof Replayed) return e.answer;
      throw e;
    }
  }

  async function tellBusinessOfHazards(tx: TExecutor, outbox: TOutbox, businessId: string, hs: store.THazardRow[]) {
    for (const userId of await store.businessAccountIds(tx, businessId))
      for (const h of hs)
        outbox.notify(
          { userId },
          {
            kind: 'hazard_issued',
            titleZh: `隐患整改通知书 ${h.hazardNo}`,
            titleEn: `Rectification order ${h.hazardNo}`,
            bodyZh: `${h.itemText}（${SEVERITY_LABELS[h.severity as 'major'].zh}），请于 ${localTime(h.dueAt)} 前整改并上传整改照片。`,
            bodyEn: `${h.itemTextEn || h.itemText} (${SEVERITY_LABELS[h.severity as 'major'].en}): rectify by ${localTime(h.dueAt)} and upload evidence photos.`,
            objectType: 'hazard',
            objectId: h.id,
          },
        );
  }

  async function visibleInspection(tx: TExecutor, actor: TActor, id: string, scope?: TGridScope) {
    const r = await store.getInspection(tx, id);
    const s = scope ?? (await scopeOf(actor, tx));
    if (!r || !canInspection(actor, 'view', s, inspectionFacts(r))) throw notFound();
    return r;
  }

  async function getInspection(actor: TActor, id: string) {
    const r = await visibleInspection(db, actor, id);
    return (await inspectionViews(db, [r]))[0];
  }

  async function listInspections(actor: TActor, q: TInspectionListQuery) {
    const scope = await scopeOf(actor);
    const { items, total } = await store.listInspections(db, inspectionsVisibleWhere(actor, scope), {
      kind: q.kind,
      businessId: q.businessId,
      inspectorUserId: q.mine === 'true' && actor.id ? actor.id : undefined,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { items: await inspectionViews(db, items), total, page: q.page, pageSize: q.pageSize };
  }

  /** The business confirms the record later, in its own account (when nobody signed on the inspector's screen). */
  async function confirm(actor: TActor, id: string, name: string) {
    return commands.run({
      name: 'inspection.confirmed',
      actor,
      lock: (tx) => store.lockInspection(tx, id),
      authorize: (r) => {
        const f = inspectionFacts(r);
        return { view: canInspection(actor, 'view', NO_SCOPE, f), act: canInspection(actor, 'confirm', NO_SCOPE, f) };
      },
      transition: (r) => (r.confirmedAt ? { ok: false as const, code: 'inspection_already_confirmed' as const } : {}),
      write: (c, r) =>
        store.updateInspection(c.tx, r.id, { confirmedByName: name, confirmedAt: c.now, confirmedVia: 'account' }),
      timeline: async () => {},
      audit: (r, a) => ({
        action: 'inspection.confirm',
        objectType: 'inspection',
        objectId: r.id,
        after: { confirmedVia: a.confirmedVia },
      }),
      facts: (r) => ({ inspectionId: r.id, businessId: r.businessId }),
      publish: () => [],
      answer: async (c, a) => (await inspectionViews(c.tx, [a]))[0],
    });
  }

  /** 暗访 made known to the business: from now it sees the record, and its hazards are served on it. */
  async function publish(actor: TActor, id: string) {
    const scope = await scopeOf(actor);
    return commands.run({
      name: 'inspection.published',
      actor,
      lock: (tx) => store.lockInspection(tx, id),
      authorize: (r) => {
        const f = inspectionFacts(r);
        return { view: canInspection(actor, 'view', scope, f), act: canInspection(actor, 'publish', scope, f) };
      },
      transition: (r) =>
        r.kind !== 'mystery' || r.publishedAt
          ? { ok: false as const, code: 'inspection_not_unpublished' as const }
          : {},
      async write(c, r) {
        const after = await store.updateInspection(c.tx, r.id, { publishedAt: c.now });
        const hs = await store.hazardsOfInspection(c.tx, r.id);
        if (hs.length) await tellBusinessOfHazards(c.tx, c.outbox, r.businessId, hs);
        return after;
      },
      timeline: async () => {},
      audit: (r) => ({ action: 'inspection.publish', objectType: 'inspection', objectId: r.id }),
      facts: (r) => ({ inspectionId: r.id, businessId: r.businessId }),
      publish: () => [],
      answer: async (c, a) => (await inspectionViews(c.tx, [a]))[0],
    });
  }

  // ---------------- hazards ----------------

  const hazardFacts = (h: store.THazardRow) => ({
    businessId: h.businessId,
    gridId: h.gridId,
    departmentId: h.departmentId,
    supervisorUserId: h.supervisorUserId,
  });

  function hazardView(h: store.THazardRow, biz: Awaited<ReturnType<typeof store.businessNames>>, now: Date) {
    const b = biz.get(h.businessId);
    return {
      id: h.id,
      hazardNo: h.hazardNo,
      inspectionId: h.inspectionId,
      business: { id: h.businessId, name: b?.name ?? '', nameEn: b?.nameEn ?? null, regionCode: h.regionCode },
      gridId: h.gridId,
      departmentId: h.departmentId,
      itemKey: h.itemKey,
      itemText: h.itemText,
      itemTextEn: h.itemTextEn,
      legalBasis: h.legalBasis,
      severity: h.severity as THazardView['severity'],
      description: h.description,
      photoIds: h.photoIds,
      status: h.status as THazardView['status'],
      dueAt: h.dueAt.toISOString(),
      round: h.round,
      overdue: h.status === 'open' && h.dueAt.getTime() < now.getTime(),
      overdueAt: iso(h.overdueAt),
      supervisorUserId: h.supervisorUserId,
      answerText: h.answerText,
      answerPhotoIds: h.answerPhotoIds,
      answeredAt: iso(h.answeredAt),
      closedAt: iso(h.closedAt),
      closedOnTime: h.closedOnTime,
      workOrderId: h.workOrderId,
      referralNo: h.referralNo,
      history: h.history.map(({ at, action, note }) => ({ at, action, note })),
      createdAt: h.createdAt.toISOString(),
    } satisfies THazardView;
  }

  async function hazardViews(tx: TExecutor, rows: store.THazardRow[]) {
    const biz = await store.businessNames(
      tx,
      rows.map((h) => h.businessId),
    );
    const now = clock.now();
    return rows.map((h) => hazardView(h, biz, now));
  }

  /** A hazard of a mystery visit stays hidden from the business until the visit is published. */
  async function hiddenFromBusiness(tx: TExecutor, actor: TActor, h: store.THazardRow) {
    if (actor.role !== 'business') return false;
    const i = await store.getInspection(tx, h.inspectionId);
    return !i?.publishedAt;
  }

  async function visibleHazard(tx: TExecutor, actor: TActor, id: string) {
    const h = await store.getHazard(tx, id);
    const scope = await scopeOf(actor, tx);
    if (!h || !canHazard(actor, 'view', scope, hazardFacts(h)) || (await hiddenFromBusiness(tx, actor, h)))
      throw notFound();
    return h;
  }

  async function getHazard(actor: TActor, id: string) {
    return (await hazardViews(db, [await visibleHazard(db, actor, id)]))[0];
  }

  async function listHazards(actor: TActor, q: THazardListQuery) {
    const scope = await scopeOf(actor);
    const { items, total } = await store.listHazards(db, businessHazardsWhere(actor, scope), q, clock.now());
    return { items: await hazardViews(db, items), total, page: q.page, pageSize: q.pageSize };
  }

  /** hazardsVisibleWhere, and for a business only those of published inspections. */
  function businessHazardsWhere(actor: TActor, scope: TGridScope) {
    const base = hazardsVisibleWhere(actor, scope);
    return actor.role === 'business' ? store.publishedHazardsOnly(base) : base;
  }

  const factsOf = (h: store.THazardRow, now: Date, extra: Partial<THazardFacts> = {}): THazardFacts => ({
    hazardId: h.id,
    hazardNo: h.hazardNo,
    inspectionId: h.inspectionId,
    businessId: h.businessId,
    severity: h.severity as THazardFacts['severity'],
    dueAt: h.dueAt,
    onTime: null,
    lapse: null,
    at: now,
    ...extra,
  });

  const entry = (c: TCommandContext, action: string, note = ''): THazardHistory => ({
    at: c.now.toISOString(),
    action,
    by: c.actor.id,
    note,
  });

  /** One hazard command: the runner's steps with what every hazard change shares (lock, reach, answer). */
  async function hazardCommand<
    N extends 'hazard.answered' | 'hazard.rejected' | 'hazard.closed' | 'hazard.work-order-raised' | 'hazard.referred',
  >(
    actor: TActor,
    id: string,
    spec: {
      name: N;
      verb: 'answer' | 'review' | 'escalate';
      refuse: (h: store.THazardRow) => TMessageCode | null;
      write: (c: TCommandContext, h: store.THazardRow) => Promise<store.THazardRow>;
      audit: (h: store.THazardRow, a: store.THazardRow) => TAuditEntry;
      facts: (h: store.THazardRow, a: store.THazardRow, now: Date) => THazardFacts;
    },
  ) {
    const scope = await scopeOf(actor);
    let hidden = false;
    return commands.run<N, store.THazardRow, object, store.THazardRow, THazardView>({
      name: spec.name,
      actor,
      async lock(tx) {
        const h = await store.lockHazard(tx, id);
        if (h) hidden = await hiddenFromBusiness(tx, actor, h);
        return h;
      },
      authorize: (h) => ({
        view: !hidden && canHazard(actor, 'view', scope, hazardFacts(h)),
        act: canHazard(actor, spec.verb, scope, hazardFacts(h)),
      }),
      transition: (h) => {
        const code = spec.refuse(h);
        return code ? { ok: false as const, code } : {};
      },
      write: (c, h) => spec.write(c, h),
      timeline: async () => {},
      audit: spec.audit,
      // Every hazard command tells its subscribers the same plain facts (inspections.commands.ts).
      facts: (h, a) => spec.facts(h, a, clock.now()) as TCommandFacts[N],
      publish: () => [],
      answer: async (c, a) => (await hazardViews(c.tx, [a]))[0],
    });
  }

  /** The business answers with what it did and evidence photos; the deadline stops while the supervisor looks. */
  function answerHazard(actor: TActor, id: string, body: { text: string; photoIds: string[] }) {
    return hazardCommand(actor, id, {
      name: 'hazard.answered',
      verb: 'answer',
      refuse: (h) => (h.status !== 'open' ? 'hazard_not_open' : null),
      async write(c, h) {
        await attachFiles(c.tx, actor, body.photoIds, 'hazard', h.id);
        await cancelDeadline(c.tx, RECTIFICATION_DEADLINE, h.id, c.now);
        const after = await store.updateHazard(c.tx, h.id, {
          status: 'answered',
          answerText: body.text,
          answerPhotoIds: body.photoIds,
          answeredAt: c.now,
          updatedAt: c.now,
          history: [...h.history, entry(c, 'answered', body.text)],
        });
        if (h.supervisorUserId)
          c.outbox.notify(
            { userId: h.supervisorUserId },
            {
              kind: 'hazard_answered',
              titleZh: `隐患 ${h.hazardNo} 已提交整改，请复查`,
              titleEn: `Hazard ${h.hazardNo} was answered: please re-inspect`,
              objectType: 'hazard',
              objectId: h.id,
            },
          );
        return after;
      },
      audit: (h, a) => ({
        action: 'hazard.answer',
        objectType: 'hazard',
        objectId: h.id,
        before: { status: h.status },
        after: { status: a.status, photos: a.answerPhotoIds.length },
      }),
      facts: (_h, a, now) => factsOf(a, now),
    });
  }

  /** 复查: accepted closes the hazard (on time when it never lapsed); rejected sets a new deadline. */
  async function reviewHazard(
    actor: TActor,
    id: string,
    body: { decision: 'accept' | 'reject'; note: string; days?: number },
  ) {
    const days = await rectificationDays();
    if (body.decision === 'accept')
      return hazardCommand(actor, id, {
        name: 'hazard.closed',
        verb: 'review',
        refuse: (h) => (h.status !== 'answered' ? 'hazard_not_answered' : null),
        async write(c, h) {
          const after = await store.updateHazard(c.tx, h.id, {
            status: 'closed',
            closedAt: c.now,
            closedOnTime: !h.overdueAt && !!h.answeredAt && h.answeredAt.getTime() <= h.dueAt.getTime(),
            updatedAt: c.now,
            history: [...h.history, entry(c, 'accepted', body.note)],
          });
          await tellBusiness(
            c,
            h,
            `隐患 ${h.hazardNo} 复查通过，已销号`,
            `Hazard ${h.hazardNo} passed re-inspection and is closed`,
          );
          return after;
        },
        audit: (h, a) => ({
          action: 'hazard.accept',
          objectType: 'hazard',
          objectId: h.id,
          before: { status: h.status },
          after: { status: a.status, closedOnTime: a.closedOnTime, note: body.note },
        }),
        facts: (_h, a, now) => factsOf(a, now, { onTime: a.closedOnTime }),
      });
    return hazardCommand(actor, id, {
      name: 'hazard.rejected',
      verb: 'review',
      refuse: (h) => (h.status !== 'answered' ? 'hazard_not_answered' : null),
      async write(c, h) {
        const dueAt = dueAtFrom(c.now, body.days ?? days[h.severity as 'major']);
        await schedule(c.tx, {
          kind: RECTIFICATION_DEADLINE,
          objectType: 'hazard',
          objectId: h.id,
          stages: rectificationStages(c.now, dueAt),
          start: c.now,
        });
        const after = await store.updateHazard(c.tx, h.id, {
          status: 'open',
          dueAt,
          round: h.round + 1,
          updatedAt: c.now,
          history: [...h.history, entry(c, 'rejected', body.note)],
        });
        await tellBusiness(
          c,
          h,
          `隐患 ${h.hazardNo} 复查未通过，请于 ${localTime(dueAt)} 前重新整改：${body.note}`,
          `Hazard ${h.hazardNo} failed re-inspection: rectify again by ${localTime(dueAt)}. ${body.note}`,
        );
        return after;
      },
      audit: (h, a) => ({
        action: 'hazard.reject',
        objectType: 'hazard',
        objectId: h.id,
        before: { status: h.status, dueAt: h.dueAt.toISOString() },
        after: { status: a.status, dueAt: a.dueAt.toISOString(), round: a.round, note: body.note },
      }),
      facts: (_h, a, now) => factsOf(a, now),
    });
  }

  async function tellBusiness(c: TCommandContext, h: store.THazardRow, zh: string, en: string) {
    for (const userId of await store.businessAccountIds(c.tx, h.businessId))
      c.outbox.notify(
        { userId },
        { kind: 'hazard_review', titleZh: zh, titleEn: en, objectType: 'hazard', objectId: h.id },
      );
  }

  /** A major hazard raises a work order (routed by its category to the department that handles it). */
  function raiseWorkOrder(actor: TActor, id: string, body: { category: string; note: string }) {
    return hazardCommand(actor, id, {
      name: 'hazard.work-order-raised',
      verb: 'escalate',
      refuse: (h) =>
        h.severity !== 'major'
          ? 'hazard_not_major'
          : h.workOrderId
            ? 'hazard_work_order_exists'
            : h.status === 'closed'
              ? 'hazard_closed'
              : null,
      async write(c, h) {
        const cat = CATEGORY_LABELS[body.category as keyof typeof CATEGORY_LABELS];
        const order = await createSystemWorkOrder(
          c.tx,
          c.outbox,
          {
            kind: 'report',
            source: 'inspection',
            category: body.category as Parameters<typeof createSystemWorkOrder>[2]['category'],
            text: [
              `【检查发现重大隐患】${h.hazardNo}`,
              `检查事项：${h.itemText}`,
              `隐患描述：${h.description || '（未填写）'}`,
              `检查依据：${h.legalBasis || '—'}`,
              `整改期限：${localTime(h.dueAt)}`,
              body.note ? `说明：${body.note}` : '',
              `Major hazard ${h.hazardNo} found at an inspection (${cat?.en ?? body.category}).`,
            ]
              .filter(Boolean)
              .join('\n'),
            reporterUserId: null,
            businessId: h.businessId,
            note: `检查发现重大隐患 ${h.hazardNo} major hazard from an inspection`,
          },
          c.now,
          actor,
        );
        return store.updateHazard(c.tx, h.id, {
          workOrderId: order.id,
          updatedAt: c.now,
          history: [...h.history, entry(c, 'work_order', order.trackingNo)],
        });
      },
      audit: (h, a) => ({
        action: 'hazard.work_order',
        objectType: 'hazard',
        objectId: h.id,
        after: { workOrderId: a.workOrderId, category: body.category },
      }),
      facts: (_h, a, now) => factsOf(a, now),
    });
  }

  /** A major hazard referred for a law-enforcement case: a referral record with its own number. */
  function refer(actor: TActor, id: string, body: { note: string }) {
    return hazardCommand(actor, id, {
      name: 'hazard.referred',
      verb: 'escalate',
      refuse: (h) => (h.severity !== 'major' ? 'hazard_not_major' : h.referralNo ? 'hazard_already_referred' : null),
      async write(c, h) {
        const no = newReferralNo(c.now);
        return store.updateHazard(c.tx, h.id, {
          referralNo: no,
          referralNote: body.note,
          referredAt: c.now,
          updatedAt: c.now,
          history: [...h.history, entry(c, 'referred', `${no} ${body.note}`)],
        });
      },
      audit: (h, a) => ({
        action: 'hazard.refer',
        objectType: 'hazard',
        objectId: h.id,
        after: { referralNo: a.referralNo, note: body.note },
      }),
      facts: (_h, a, now) => factsOf(a, now),
    });
  }

  /** The rectification order's facts, for the PDF: whoever sees the hazard may print it. */
  async function orderFacts(actor: TActor, id: string) {
    const h = await visibleHazard(db, actor, id);
    const b = await store.businessFacts(db, h.businessId);
    const people = await store.userNames(db, h.supervisorUserId ? [h.supervisorUserId] : []);
    const dept = h.departmentId ? (await departmentNamesByIds(db, [h.departmentId]))[0] : undefined;
    return {
      hazardNo: h.hazardNo,
      businessName: b?.name ?? '',
      businessAddress: b?.address ?? '',
      uscc: b?.uscc ?? '',
      itemText: h.itemText,
      legalBasis: h.legalBasis,
      description: h.description,
      severity: h.severity as THazardView['severity'],
      issuedAt: h.round > 1 ? (h.updatedAt ?? h.createdAt) : h.createdAt,
      dueAt: h.dueAt,
      round: h.round,
      inspectorName: people.get(h.supervisorUserId ?? '')?.name ?? '',
      departmentName: dept?.name ?? '智旅旅游监管平台',
    };
  }

  /** 隐患台账: every hazard the reader sees under the filter, for the Excel export. */
  async function ledgerRows(actor: TActor, q: THazardListQuery) {
    const scope = await scopeOf(actor);
    const rows = await store.allHazards(db, businessHazardsWhere(actor, scope), q, clock.now());
    return hazardViews(db, rows);
  }

  // ---------------- statistics ----------------

  function period(q: TStatsQuery) {
    const now = new Date(clock.now().getTime() + 8 * 3_600_000);
    const year = q.year ?? now.getUTCFullYear();
    const m0 = q.quarter ? (q.quarter - 1) * 3 : 0;
    const m1 = q.quarter ? m0 + 3 : 12;
    // Midnight in the prefecture: UTC 16:00 the day before.
    const at = (y: number, m: number) => new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
    return { from: at(year, m0), to: at(year, m1), year, quarter: q.quarter ?? null };
  }

  async function statistics(actor: TActor, q: TStatsQuery) {
    const scope = await scopeOf(actor);
    const p = period(q);
    const raw = await store.statsBy(
      db,
      q.by,
      inspectionsVisibleWhere(actor, scope),
      hazardsVisibleWhere(actor, scope),
      p.from,
      p.to,
      clock.now(),
      // A grid worker's coverage is of their own businesses; departments and leaders count the whole sector.
      actor.role === 'grid_worker' ? scope.businessIds : null,
    );
    const keys = raw.map((r) => r.key).filter((k): k is string => !!k);
    const names = new Map<string, { name: string; nameEn: string }>();
    if (q.by === 'grid')
      for (const g of keys.length ? await gridNamesByIds(db, keys) : [])
        names.set(g.id, { name: g.name, nameEn: g.nameEn ?? g.name });
    else if (q.by === 'department')
      for (const d of keys.length ? await departmentNamesByIds(db, keys) : []) names.set(d.id, d);
    else for (const r of await store.regionNames(db, keys)) names.set(r.code, { name: r.name, nameEn: r.name });
    const rows: TStatsRow[] = raw
      .map((r) => {
        const n = r.key ? names.get(r.key) : undefined;
        return {
          key: r.key ?? '',
          name: n?.name ?? (r.key ? r.key : '（未分配）'),
          nameEn: n?.nameEn ?? (r.key ? r.key : '(none)'),
          businesses: r.businesses,
          inspections: r.inspections,
          inspectedBusinesses: r.inspected_businesses,
          coverage: r.businesses ? Math.round((r.inspected_businesses / r.businesses) * 1000) / 1000 : 0,
          night: r.night,
          weekend: r.weekend,
          hazardsFound: r.hazards_found,
          hazardsClosedOnTime: r.hazards_closed_on_time,
          hazardsOverdue: r.hazards_overdue,
        };
      })
      .sort((a, b) => b.inspections - a.inspections || a.key.localeCompare(b.key));
    const total = rows.reduce((s, r) => s + r.inspections, 0);
    const offHours = rows.reduce((s, r) => s + r.night + r.weekend, 0);
    return {
      by: q.by,
      year: p.year,
      quarter: p.quarter,
      rows,
      totals: {
        inspections: total,
        hazardsFound: rows.reduce((s, r) => s + r.hazardsFound, 0),
        hazardsClosedOnTime: rows.reduce((s, r) => s + r.hazardsClosedOnTime, 0),
        hazardsOverdue: rows.reduce((s, r) => s + r.hazardsOverdue, 0),
        nightWeekendShare: total ? Math.round((offHours / total) * 1000) / 1000 : 0,
      },
    };
  }

  // ---------------- interviews ----------------

  async function interviewViews(tx: TExecutor, rows: store.TInterviewRow[]): Promise<TInterviewView[]> {
    const biz = await store.businessNames(
      tx,
      rows.map((r) => r.businessId),
    );
    return rows.map((r) => {
      const b = biz.get(r.businessId);
      return {
        id: r.id,
        businessId: r.businessId,
        business: { id: r.businessId, name: b?.name ?? '', nameEn: b?.nameEn ?? null },
        departmentId: r.departmentId,
        incident: r.incident,
        heldAt: r.heldAt.toISOString(),
        participants: r.participants,
        minutes: r.minutes,
        commitments: r.commitments,
        followUpOn: r.followUpOn,
        createdAt: r.createdAt.toISOString(),
      };
    });
  }

  /** 约谈 recorded, its follow-up put on the deadline engine (a reminder to the department on the day). */
  async function recordInterview(actor: TActor, body: TInterviewInput) {
    if (!mayRecordInterview(actor)) throw forbidden();
    const outbox = createOutbox(events);
    const out = await db.transaction(async (tx) => {
      const now = clock.now();
      const b = await store.businessFacts(tx, body.businessId);
      if (!b) throw invalid('business_not_found', 'businessId');
      const row = await store.insertInterview(tx, {
        ...body,
        heldAt: new Date(body.heldAt),
        departmentId: actor.departmentId,
        createdBy: actor.id,
        createdAt: now,
      });
      if (body.followUpOn) {
        // 09:00 in the prefecture on the follow-up day.
        const at = new Date(`${body.followUpOn}T01:00:00.000Z`);
        if (at.getTime() > now.getTime())
          await schedule(tx, {
            kind: INTERVIEW_FOLLOW_UP,
            objectType: 'interview',
            objectId: row.id,
            stages: [{ name: 'remind', at }],
            start: now,
          });
      }
      await writeAuditBatch(
        tx,
        actor,
        [
          {
            action: 'interview.create',
            objectType: 'interview',
            objectId: row.id,
            after: { businessId: row.businessId, participants: row.participants.length, followUpOn: row.followUpOn },
          },
        ],
        now,
      );
      await outbox.flush(tx);
      return (await interviewViews(tx, [row]))[0];
    });
    outbox.afterCommit();
    return out;
  }

  async function listInterviews(actor: TActor, page: number, pageSize: number) {
    const scope = await scopeOf(actor);
    const { items, total } = await store.listInterviews(db, interviewsVisibleWhere(actor, scope), page, pageSize);
    return { items: await interviewViews(db, items), total, page, pageSize };
  }

  async function getInterview(actor: TActor, id: string) {
    const r = await store.getInterview(db, id);
    const scope = await scopeOf(actor);
    if (
      !r ||
      !reaches(reachOf(actor, scope), {
        businessId: r.businessId,
        gridId: null,
        departmentId: r.departmentId,
        inspectorUserId: r.createdBy,
      })
    )
      throw notFound();
    return (await interviewViews(db, [r]))[0];
  }

  /** The businesses of the actor's grids (what the phone offers, and keeps for offline use). */
  async function myBusinesses(actor: TActor) {
    const scope = await scopeOf(actor);
    return store.businessesForInspection(db, scope.businessIds);
  }

  return {
    scopeOf,
    myBusinesses,
    listChecklists,
    getChecklist,
    saveChecklist,
    rectificationDays,
    setRectificationDays,
    submit,
    getInspection,
    listInspections,
    confirm,
    publish,
    getHazard,
    listHazards,
    answerHazard,
    reviewHazard,
    raiseWorkOrder,
    refer,
    orderFacts,
    ledgerRows,
    statistics,
    recordInterview,
    listInterviews,
    getInterview,
  };
}
export type TInspectionsService = ReturnType<typeof createInspectionsService>;

/** "YYYY-MM-DD HH:mm" in the prefecture's zone, for notices. */
export const localTime = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
