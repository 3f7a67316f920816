import type { TRoute, TRouteStop, TRouteSummary, TRouteTheme, ZRouteInput } from '@zhilv/contracts';
import type { z } from 'zod';
import type { TDb, TExecutor } from '../../db/client.js';
import type { TActor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { getBusiness } from '../master-data/index.js';
import { findStationForStop, haversineMetres, insideBounds } from '../stations/index.js';
import * as store from './tour-routes.store.js';

type TInput = z.output<typeof ZRouteInput>;
type TStopInput = TInput['stops'][number];

/** Seqs must read 1, 2, …, n (in any order in the request); the stops are stored in that order. */
export function checkSeqs(stops: { seq: number }[]): number | null {
  const seen = new Set<number>();
  for (let i = 0; i < stops.length; i++) {
    const s = stops[i].seq;
    if (s < 1 || s > stops.length || seen.has(s)) return i;
    seen.add(s);
  }
  return null;
}

/** Total length along the stops in order, straight lines, metres. */
export const routeLength = (stops: { lng: number; lat: number }[]) =>
  Math.round(stops.slice(1).reduce((sum, s, i) => sum + haversineMetres(stops[i], s), 0));

/**
 * A stop as stored: a business's or a station's name and position are copied from it (so the route still reads
 * if the place is later renamed or closed); a free place brings its own.
 */
async function resolveStop(tx: TExecutor, s: TStopInput, i: number): Promise<store.TStopInsert> {
  const field = `stops.${i}`;
  const common = { seq: s.seq, note: s.note || null, noteEn: s.noteEn || null };
  if (s.businessId && s.stationId) throw new AppError('stop_ref_conflict', 422, field);
  if (s.businessId) {
    const b = await getBusiness(tx, s.businessId);
    if (!b) throw new AppError('business_not_found', 422, `${field}.businessId`);
    if (b.lng === null || b.lat === null) throw new AppError('stop_position_missing', 422, `${field}.businessId`);
    return { ...common, businessId: b.id, stationId: null, name: b.name, nameEn: b.nameEn, lng: b.lng, lat: b.lat };
  }
  if (s.stationId) {
    const st = await findStationForStop(tx, s.stationId);
    if (!st) throw new AppError('station_not_found', 422, `${field}.stationId`);
    return {
      ...common,
      businessId: null,
      stationId: st.id,
      name: st.name,
      nameEn: st.nameEn,
      lng: st.lng,
      lat: st.lat,
    };
  }
  if (!s.name || s.name.length < 2) throw new AppError('field_required', 422, `${field}.name`);
  if (s.lng === null || s.lng === undefined) throw new AppError('field_required', 422, `${field}.lng`);
  if (s.lat === null || s.lat === undefined) throw new AppError('field_required', 422, `${field}.lat`);
  if (!insideBounds({ lng: s.lng, lat: s.lat })) throw new AppError('position_out_of_range', 422, `${field}.lng`);
  return {
    ...common,
    businessId: null,
    stationId: null,
    name: s.name,
    nameEn: s.nameEn || null,
    lng: s.lng,
    lat: s.lat,
  };
}

const stopView = (s: store.TStopRow): TRouteStop => ({
  seq: s.seq,
  businessId: s.businessId,
  stationId: s.stationId,
  name: s.name,
  nameEn: s.nameEn,
  note: s.note,
  noteEn: s.noteEn,
  lng: s.lng,
  lat: s.lat,
});

function summaryView(r: store.TRouteRow, stops: store.TStopRow[]): TRouteSummary {
  return {
    id: r.id,
    name: r.name,
    nameEn: r.nameEn,
    theme: r.theme as TRouteTheme,
    summary: r.summary,
    summaryEn: r.summaryEn,
    durationMinutes: r.durationMinutes,
    published: r.published,
    stopCount: stops.length,
    stopNames: stops.slice(0, 6).map((s) => s.name),
    stopNamesEn: stops.slice(0, 6).map((s) => s.nameEn ?? s.name),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const detailView = (r: store.TRouteRow, stops: store.TStopRow[]): TRoute => ({
  ...summaryView(r, stops),
  stops: stops.map(stopView),
  lengthMetres: routeLength(stops),
});

async function withStops(db: TExecutor, rows: store.TRouteRow[]) {
  const stops = await store.stopsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    summaryView(
      r,
      stops.filter((s) => s.routeId === r.id),
    ),
  );
}

export function createRouteService(db: TDb) {
  async function save(actor: TActor, id: string | null, input: TInput) {
    const bad = checkSeqs(input.stops);
    if (bad !== null) throw new AppError('stop_seq_invalid', 422, `stops.${bad}.seq`);
    return db.transaction(async (tx) => {
      const before = id ? await store.lockRoute(tx, id) : null;
      if (id && !before) throw notFound();
      const beforeStops = id ? await store.stopsOf(tx, [id]) : [];
      const resolved: store.TStopInsert[] = [];
      for (let i = 0; i < input.stops.length; i++) resolved.push(await resolveStop(tx, input.stops[i], i));
      resolved.sort((a, b) => a.seq - b.seq);
      if (before?.published && resolved.length < 2) throw new AppError('route_too_few_stops', 422, 'stops');
      const values = {
        name: input.name,
        nameEn: input.nameEn || null,
        theme: input.theme,
        summary: input.summary ?? '',
        summaryEn: input.summaryEn || null,
        durationMinutes: input.durationMinutes ?? null,
      };
      const r = id ? await store.updateRoute(tx, id, values) : await store.insertRoute(tx, values);
      const stops = await store.replaceStops(tx, r.id, resolved);
      stops.sort((a, b) => a.seq - b.seq);
      await writeAudit(tx, actor, {
        action: id ? 'route.update' : 'route.create',
        objectType: 'route',
        objectId: r.id,
        before: before ? { ...before, stops: beforeStops.map(stopView) } : null,
        after: { ...r, stops: stops.map(stopView) },
      });
      return detailView(r, stops);
    });
  }

  async function setPublished(actor: TActor, id: string, published: boolean) {
    return db.transaction(async (tx) => {
      const before = await store.lockRoute(tx, id);
      if (!before) throw notFound();
      const stops = await store.stopsOf(tx, [id]);
      if (published && stops.length < 2) throw new AppError('route_too_few_stops', 422, 'stops');
      const r = before.published === published ? before : await store.updateRoute(tx, id, { published });
      await writeAudit(tx, actor, {
        action: published ? 'route.publish' : 'route.unpublish',
        objectType: 'route',
        objectId: id,
        before: { published: before.published },
        after: { published },
      });
      return detailView(r, stops);
    });
  }

  return {
    /** Public list: published routes only. */
    async list(q: { theme?: string }) {
      const r = await store.findRoutes(db, { theme: q.theme, publishedOnly: true });
      return withStops(db, r.items);
    },
    /** Console list: drafts too. */
    async page(q: { theme?: string; q?: string }, page: number, pageSize: number) {
      const r = await store.findRoutes(db, { theme: q.theme, q: q.q, publishedOnly: false }, page, pageSize);
      return { items: await withStops(db, r.items), total: r.total, page, pageSize };
    },
    /** A draft is not found for the public (nor for staff other than the admin who edits it). */
    async get(actor: TActor, id: string) {
      const r = await store.getRoute(db, id);
      if (!r || (!r.published && actor.role !== 'system_admin')) throw notFound();
      return detailView(r, await store.stopsOf(db, [id]));
    },
    create: (actor: TActor, input: TInput) => save(actor, null, input),
    update: (actor: TActor, id: string, input: TInput) => save(actor, id, input),
    publish: (actor: TActor, id: string) => setPublished(actor, id, true),
    unpublish: (actor: TActor, id: string) => setPublished(actor, id, false),
  };
}
export type TRouteService = ReturnType<typeof createRouteService>;
