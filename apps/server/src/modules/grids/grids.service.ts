import type { TGridAssignmentInput, TGridInput, TGridMembersInput } from '@zhilv/contracts';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { setBusinessGrid } from '../master-data/index.js';
import { computeCoverage, countyOf } from './coverage.js';
import { canGrid, gridsVisibleWhere, mayReadCoverage, needsScope, reachOf, type TGridReach } from './grids.policy.js';
import * as store from './grids.store.js';

/** Who may serve in a grid, and who may answer (包保) for a business. */
const MEMBER_ROLES = new Set(['grid_worker', 'leader', 'department_head', 'department_staff']);
const GUARANTOR_ROLES = MEMBER_ROLES;

/** The grids a user serves in, those they head, and the businesses in those grids. */
export async function gridScopeOf(db: TExecutor, userId: string) {
  const rows = await store.membershipsOf(db, userId);
  const gridIds = [...new Set(rows.map((r) => r.gridId))].sort();
  const headOfGridIds = [...new Set(rows.filter((r) => r.role === 'grid_head').map((r) => r.gridId))].sort();
  return { gridIds, headOfGridIds, businessIds: await store.businessIdsInGrids(db, gridIds) };
}

/**
 * Per business: who answers for it in its grid — the grid's members, the grid's leader (专属网格) and its 包保
 * official. Every asked-for id has an entry (empty when the business has none, or does not exist).
 */
export async function responsiblesOf(db: TExecutor, businessIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(businessIds.map((id) => [id, []]));
  if (!businessIds.length) return out;
  for (const r of await store.responsibleRows(db, [...new Set(businessIds)])) {
    const ids = new Set(r.members);
    if (r.leader) ids.add(r.leader);
    if (r.guarantor) ids.add(r.guarantor);
    out.set(r.businessId, [...ids].sort());
  }
  return out;
}

/**
 * Who answers for a grid when its hazards lapse: its heads (网格长); a grid without a head falls to its workers,
 * so a lapse always reaches someone in the grid.
 */
export async function gridHeadsOf(db: TExecutor, gridId: string): Promise<string[]> {
  const members = await store.membersOfGrid(db, gridId);
  const heads = members.filter((m) => m.role === 'grid_head').map((m) => m.userId);
  return (heads.length ? heads : members.map((m) => m.userId)).sort();
}

/** The actor's reach, with their grid memberships looked up when their role depends on them. */
export async function gridReachOf(db: TExecutor, actor: TActor): Promise<TGridReach> {
  return reachOf(actor, needsScope(actor) ? await gridScopeOf(db, actor.id!) : undefined);
}

async function checkUsers(tx: TExecutor, ids: string[], allowed: Set<string>, field: string) {
  const found = await store.usersWithRoles(tx, ids);
  if (found.length !== new Set(ids).size || found.some((u) => u.disabled || !allowed.has(u.role)))
    throw new AppError('field_invalid', 422, field);
}

export function createGridsService(deps: { db: TDb; clock: TClock }) {
  const { db, clock } = deps;

  async function visibleGrid(actor: TActor, id: string) {
    const reach = await gridReachOf(db, actor);
    const g = await store.getGrid(db, id);
    if (!g || !canGrid(reach, 'view', g)) throw notFound();
    return { g, reach };
  }

  async function checkGridInput(tx: TExecutor, input: TGridInput, id: string | null) {
    const same = await store.getGridByCode(tx, input.code);
    if (same && same.id !== id) throw new AppError('duplicate', 409, 'code');
    if (!(await store.regionExists(tx, input.regionCode))) throw new AppError('field_invalid', 422, 'regionCode');
    if (input.leaderUserId) await checkUsers(tx, [input.leaderUserId], new Set(['leader']), 'leaderUserId');
  }

  return {
    reach: (actor: TActor) => gridReachOf(db, actor),
    async listGrids(actor: TActor, f: store.TGridFilter, page: number, pageSize: number) {
      const where = gridsVisibleWhere(await gridReachOf(db, actor));
      return { ...(await store.listGrids(db, where, f, page, pageSize)), page, pageSize };
    },
    async getGrid(actor: TActor, id: string) {
      const { g, reach } = await visibleGrid(actor, id);
      const [members, businesses, leader, region] = await Promise.all([
        store.membersOf(db, id),
        store.businessesInGrid(db, id),
        g.leaderUserId ? store.userNames(db, [g.leaderUserId]) : Promise.resolve([]),
        store.regionNames(db, [g.regionCode]),
      ]);
      return {
        ...g,
        createdAt: g.createdAt.toISOString(),
        leaderName: leader[0]?.displayName ?? null,
        regionName: region[0]?.name ?? null,
        members,
        businesses,
        can: { edit: canGrid(reach, 'edit', g) },
      };
    },
    listCandidates: () => store.listCandidates(db),
    async saveGrid(actor: TActor, id: string | null, input: TGridInput) {
      return db.transaction(async (tx) => {
        const before = id ? await store.lockGrid(tx, id) : null;
        if (id && !before) throw notFound();
        await checkGridInput(tx, input, id);
        const values = {
          code: input.code,
          name: input.name,
          nameEn: input.nameEn ?? null,
          regionCode: input.regionCode,
          leaderUserId: input.leaderUserId ?? null,
        };
        const g = id ? await store.updateGrid(tx, id, values) : await store.insertGrid(tx, values);
        await writeAudit(
          tx,
          actor,
          { action: id ? 'grid.update' : 'grid.create', objectType: 'grid', objectId: g.id, before, after: g },
          clock.now(),
        );
        return g;
      });
    },
    /** Replaces the grid's members: the whole list, so the screen's save is what the grid then has. */
    async setMembers(actor: TActor, id: string, input: TGridMembersInput) {
      return db.transaction(async (tx) => {
        const g = await store.lockGrid(tx, id);
        if (!g) throw notFound();
        const ids = input.members.map((m) => m.userId);
        if (new Set(ids).size !== ids.length) throw new AppError('duplicate', 409, 'members');
        await checkUsers(tx, ids, MEMBER_ROLES, 'members');
        const before = await store.membersOf(tx, id);
        await store.replaceMembers(tx, id, input.members);
        await writeAudit(
          tx,
          actor,
          {
            action: 'grid.members',
            objectType: 'grid',
            objectId: id,
            before: before.map(({ displayName: _, ...m }) => m),
            after: input.members,
          },
          clock.now(),
        );
        return store.membersOf(tx, id);
      });
    },
    /** A business's grid (exactly one, or none) and its 包保 official, changed together. */
    async assign(actor: TActor, businessId: string, input: TGridAssignmentInput) {
      return db.transaction(async (tx) => {
        const before = await store.getBusinessRef(tx, businessId);
        if (!before) throw notFound();
        if (input.gridId && !(await store.getGrid(tx, input.gridId)))
          throw new AppError('field_invalid', 422, 'gridId');
        if (input.guarantorUserId) await checkUsers(tx, [input.guarantorUserId], GUARANTOR_ROLES, 'guarantorUserId');
        const now = clock.now();
        await setBusinessGrid(tx, [businessId], input.gridId, now);
        await store.setGuarantor(tx, businessId, input.guarantorUserId, now);
        await writeAudit(
          tx,
          actor,
          {
            action: 'grid.assign',
            objectType: 'business',
            objectId: businessId,
            before: { gridId: before.gridId, guarantorUserId: before.guarantorUserId },
            after: input,
          },
          now,
        );
        return { businessId, ...input };
      });
    },
    async coverage(actor: TActor, q: { maxLoad: number; regionCode?: string }) {
      if (!mayReadCoverage(await gridReachOf(db, actor))) throw new AppError('forbidden', 403);
      const [grids, businesses] = await Promise.all([
        store.coverageGrids(db, q.regionCode),
        store.allAssignments(db, q.regionCode),
      ]);
      const counties = [...new Set([...grids, ...businesses].map((x) => countyOf(x.regionCode)))];
      const regions = await store.regionNames(db, counties);
      const c = computeCoverage(
        { grids, businesses, userNames: new Map(), regionNames: new Map(regions.map((r) => [r.code, r.name])) },
        q.maxLoad,
      );
      // names only for the workers the page lists (at most 200), not for every worker of the prefecture
      const names = new Map(
        (
          await store.userNames(
            db,
            c.overloadedWorkers.map((w) => w.userId),
          )
        ).map((u) => [u.id, u.displayName]),
      );
      for (const w of c.overloadedWorkers) w.displayName = names.get(w.userId) ?? w.displayName;
      return c;
    },
  };
}
export type TGridsService = ReturnType<typeof createGridsService>;
