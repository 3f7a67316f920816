import {
  COUNTY_NAMES_EN,
  STATION_KIND_LABELS,
  STATION_SERVICE_LABELS,
  STATION_SERVICES,
  type TStation,
  type TStationKind,
  type TStationService,
  type ZStationInput,
} from '@zhilv/contracts';
import type { z } from 'zod';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { TClock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { toXlsx } from '../../platform/excel.js';
import { createMasterDataService } from '../master-data/index.js';
import { insideBounds, parseNear } from './geo.js';
import { checkHours, formatClock, isOpenAt } from './hours.js';
import * as store from './stations.store.js';

type TInput = z.output<typeof ZStationInput>;
export type TStationListQuery = {
  region?: string;
  service?: string;
  kind?: TStationKind;
  near?: string;
  limit: number;
};

/** Validates what zod cannot: hours on one day, a position inside the prefecture, services known and unique. */
export function checkStationInput(input: TInput) {
  const h = checkHours(input.opensAt, input.closesAt);
  if (!h.ok) throw new AppError('hours_invalid', 422, h.field);
  if (!insideBounds(input)) throw new AppError('position_out_of_range', 422, 'lng');
  if (new Set(input.services).size !== input.services.length) throw new AppError('field_invalid', 422, 'services');
  return {
    code: input.code,
    name: input.name,
    nameEn: input.nameEn || null,
    kind: input.kind,
    // stored in the canonical order, so lists and exports read the same everywhere
    services: STATION_SERVICES.filter((s) => input.services.includes(s)),
    opensAtMinute: h.opens,
    closesAtMinute: h.closes,
    address: input.address ?? '',
    addressEn: input.addressEn || null,
    lng: input.lng,
    lat: input.lat,
    regionCode: input.regionCode,
    phone: input.phone || null,
  };
}

export function createStationService(deps: { db: TDb; clock: TClock }) {
  const { db, clock } = deps;
  const masterData = createMasterDataService(db);
  let regionNames: Map<string, string> | undefined;
  async function names() {
    if (regionNames) return regionNames;
    const m = new Map<string, string>();
    type TNode = Awaited<ReturnType<typeof masterData.regionTree>>[number];
    const walk = (ns: TNode[]) => {
      for (const n of ns) {
        m.set(n.code, n.name);
        walk(n.children);
      }
    };
    walk(await masterData.regionTree());
    if (m.size) regionNames = m;
    return m;
  }

  /** `m`: region names, read before any transaction (PGlite has one connection: no outer query inside one). */
  function view(rows: (store.TStationRow & { distanceMetres?: number })[], m: Map<string, string>): TStation[] {
    const now = clock.now();
    return rows.map((s) => {
      const county = s.regionCode.slice(0, 6);
      return {
        id: s.id,
        code: s.code,
        name: s.name,
        nameEn: s.nameEn,
        kind: s.kind as TStationKind,
        services: s.services as TStationService[],
        opensAt: formatClock(s.opensAtMinute),
        closesAt: formatClock(s.closesAtMinute),
        allDay: s.opensAtMinute === 0 && s.closesAtMinute === 1440,
        openNow: s.active && isOpenAt(s.opensAtMinute, s.closesAtMinute, now),
        address: s.address,
        addressEn: s.addressEn,
        lng: s.lng,
        lat: s.lat,
        regionCode: s.regionCode,
        regionName: m.get(s.regionCode) ?? null,
        countyCode: county,
        countyName: m.get(county) ?? null,
        countyNameEn: COUNTY_NAMES_EN[county] ?? null,
        phone: s.phone,
        active: s.active,
        ...(s.distanceMetres === undefined ? {} : { distanceMetres: Math.round(s.distanceMetres) }),
        updatedAt: s.updatedAt.toISOString(),
      };
    });
  }

  function filterOf(q: { region?: string; service?: string; kind?: string; q?: string }, activeOnly: boolean) {
    const services = q.service ? q.service.split(',') : undefined;
    if (services?.some((s) => !(STATION_SERVICES as readonly string[]).includes(s)))
      throw new AppError('validation_failed', 400, 'service');
    return { region: q.region, services, kind: q.kind, q: q.q, activeOnly };
  }

  async function save(actor: TActor, id: string | null, input: TInput) {
    const values = checkStationInput(input);
    const m = await names();
    return db.transaction(async (tx) => {
      const before = id ? await store.getStation(tx, id) : null;
      if (id && !before) throw notFound();
      const same = await store.getStationByCode(tx, values.code);
      if (same && same.id !== id) throw new AppError('duplicate', 409, 'code');
      const s = id ? await store.updateStation(tx, id, values) : await store.insertStation(tx, values);
      await writeAudit(tx, actor, {
        action: id ? 'station.update' : 'station.create',
        objectType: 'station',
        objectId: s.id,
        before,
        after: s,
      });
      return view([s], m)[0];
    });
  }

  async function setActive(actor: TActor, id: string, active: boolean) {
    const m = await names();
    return db.transaction(async (tx) => {
      const before = await store.getStation(tx, id);
      if (!before) throw notFound();
      const s = before.active === active ? before : await store.updateStation(tx, id, { active });
      await writeAudit(tx, actor, {
        action: active ? 'station.activate' : 'station.deactivate',
        objectType: 'station',
        objectId: id,
        before: { active: before.active },
        after: { active },
      });
      return view([s], m)[0];
    });
  }

  return {
    /** Public list: active stations only. */
    async list(q: TStationListQuery) {
      const near = q.near ? parseNear(q.near) : undefined;
      if (q.near && !near) throw new AppError('validation_failed', 400, 'near');
      return view(await store.findStations(db, filterOf(q, true), near, q.limit), await names());
    },
    /** Public detail: an inactive station is not found, except for admins. */
    async get(actor: TActor, id: string) {
      const s = await store.getStation(db, id);
      if (!s || (!s.active && actor.role !== 'system_admin')) throw notFound();
      return view([s], await names())[0];
    },
    async page(q: { region?: string; service?: string; kind?: string; q?: string }, page: number, pageSize: number) {
      const r = await store.pageStations(db, filterOf(q, false), page, pageSize);
      return { items: view(r.items, await names()), total: r.total, page, pageSize };
    },
    create: (actor: TActor, input: TInput) => save(actor, null, input),
    update: (actor: TActor, id: string, input: TInput) => save(actor, id, input),
    deactivate: (actor: TActor, id: string) => setActive(actor, id, false),
    activate: (actor: TActor, id: string) => setActive(actor, id, true),
    /** 驿站 Excel: the admin list's filter, every row, Chinese first. */
    async exportXlsx(q: { region?: string; service?: string; kind?: string; q?: string }) {
      const r = await store.findStations(db, filterOf(q, false), undefined, 50_000);
      const rows = view(r, await names());
      const svc = (s: TStationService[]) => s.map((x) => STATION_SERVICE_LABELS[x].zh).join('、');
      return toXlsx(
        '驿站 Stations',
        [
          { key: 'code', header: '编号 Code', width: 14 },
          { key: 'name', header: '名称 Name', width: 26 },
          { key: 'nameEn', header: '英文名称 English name', width: 30 },
          { key: 'kind', header: '类型 Kind', width: 12 },
          { key: 'services', header: '服务 Services', width: 48 },
          { key: 'hours', header: '开放时间 Hours', width: 14 },
          { key: 'address', header: '地址 Address', width: 32 },
          { key: 'region', header: '行政区划 Region', width: 20 },
          { key: 'lng', header: '经度 Longitude', width: 12 },
          { key: 'lat', header: '纬度 Latitude', width: 12 },
          { key: 'phone', header: '电话 Phone', width: 14 },
          { key: 'active', header: '状态 Status', width: 10 },
        ],
        rows.map((s) => ({
          code: s.code,
          name: s.name,
          nameEn: s.nameEn,
          kind: STATION_KIND_LABELS[s.kind].zh,
          services: svc(s.services),
          hours: s.allDay ? '全天 24h' : `${s.opensAt}–${s.closesAt}`,
          address: s.address,
          region: `${s.regionName ?? ''} ${s.regionCode}`.trim(),
          lng: s.lng,
          lat: s.lat,
          phone: s.phone,
          active: s.active ? '启用 Active' : '停用 Inactive',
        })),
        [
          ['区域 Region', q.region ?? '全部 All'],
          ['服务 Service', q.service ?? '全部 All'],
          ['类型 Kind', q.kind ?? '全部 All'],
          ['关键词 Keyword', q.q ?? ''],
        ],
      );
    },
  };
}
export type TStationsService = ReturnType<typeof createStationService>;

/** For other modules (route stops copy a station's name and position). */
export const findStationForStop = (db: TExecutor, id: string) => store.getStation(db, id);
