import type { TInspectionView, TSubmitInspection } from '@zhilv/contracts';
import { ApiError, api } from '../../lib/api';

/**
 * The phone's own store for inspections (IndexedDB): the draft being filled, photos as Blobs, and the outbox of
 * finished inspections waiting for the network. Each outbox entry keeps its Idempotency-Key and, once uploaded,
 * the server's file ids of its photos — so a retry after a lost answer sends the very same request, and the
 * server answers it with the first record instead of making a second.
 */

const DB_NAME = 'zhilv-inspections';
const DRAFTS = 'drafts';
const OUTBOX = 'outbox';
const CACHE = 'cache';

/** A photo taken on the phone: kept as its bytes until it is uploaded. */
export type TLocalPhoto = { id: string; blob: Blob; fileId?: string };

/** What the form holds: the submission less photo ids, with the photos themselves beside each item. */
export type TDraft = {
  businessId: string | null;
  businessName: string;
  checklistId: string | null;
  kind: TSubmitInspection['kind'];
  startedAt: string | null;
  position: { lng: number; lat: number } | null;
  results: Record<string, { outcome?: 'pass' | 'fail' | 'not_applicable'; note: string; photos: TLocalPhoto[] }>;
  notes: string;
  confirmedByName: string;
};

export type TOutboxEntry = {
  key: string;
  createdAt: string;
  businessName: string;
  draft: TDraft;
  /** the last failure that was not the network's (the server refused it): shown, not retried blindly */
  error?: string;
};

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const s of [DRAFTS, OUTBOX, CACHE]) if (!db.objectStoreNames.contains(s)) db.createObjectStore(s);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => {
      db.close();
      resolve(req.result);
    };
    tx.onerror = () => {
      db.close();
      reject(tx.error);
    };
  });
}

export const saveDraft = (d: TDraft) => run(DRAFTS, 'readwrite', (s) => s.put(d, 'current'));
export const loadDraft = () => run<TDraft | undefined>(DRAFTS, 'readonly', (s) => s.get('current'));
export const clearDraft = () => run(DRAFTS, 'readwrite', (s) => s.delete('current'));

/** Something read online (checklists, my businesses) kept for when the phone is offline. */
export const cachePut = (key: string, v: unknown) => run(CACHE, 'readwrite', (s) => s.put(v, key));
export const cacheGet = <T>(key: string) => run<T | undefined>(CACHE, 'readonly', (s) => s.get(key));

export const outboxList = async () =>
  ((await run<TOutboxEntry[]>(OUTBOX, 'readonly', (s) => s.getAll())) ?? []).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
const outboxPut = (e: TOutboxEntry) => run(OUTBOX, 'readwrite', (s) => s.put(e, e.key));
const outboxDelete = (key: string) => run(OUTBOX, 'readwrite', (s) => s.delete(key));

const newKey = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(Math.random() * 16).toString(16));

/** A finished inspection goes into the outbox with its key, whatever the network: sending is a separate step. */
export async function enqueue(draft: TDraft): Promise<TOutboxEntry> {
  const e = { key: newKey(), createdAt: new Date().toISOString(), businessName: draft.businessName, draft };
  await outboxPut(e);
  return e;
}

const isNetwork = (e: unknown) => !(e instanceof ApiError) || e.status >= 500 || e.status === 409;

/** Uploads what is not uploaded yet, remembering each file id in the entry before going on. */
async function uploadPhotos(e: TOutboxEntry) {
  for (const r of Object.values(e.draft.results))
    for (const p of r.photos)
      if (!p.fileId) {
        const f = await api.upload<{ id: string }>('/api/files', p.blob, `${p.id}.jpg`);
        p.fileId = f.id;
        await outboxPut(e);
      }
}

export function toSubmission(d: TDraft): TSubmitInspection {
  return {
    businessId: d.businessId!,
    checklistId: d.checklistId!,
    kind: d.kind,
    drawTaskId: null,
    hazardId: null,
    startedAt: d.startedAt ?? new Date().toISOString(),
    position: d.position,
    teamUserIds: [],
    results: Object.entries(d.results).map(([key, r]) => ({
      key,
      outcome: r.outcome ?? 'pass',
      note: r.outcome === 'fail' ? r.note : '',
      photoIds: r.outcome === 'fail' ? r.photos.map((p) => p.fileId!).filter(Boolean) : [],
    })),
    notes: d.notes,
    photoIds: [],
    confirmedByName: d.confirmedByName.trim() || null,
  };
}

let flushing: Promise<{ sent: TInspectionView[]; failed: number }> | null = null;

/**
 * Sends every waiting inspection, oldest first: photos, then the record with its key. Stops at the first network
 * failure (the rest wait for the next try); a refusal by the server is kept on the entry for the inspector to see.
 * One flush at a time per page.
 */
export function flushOutbox(): Promise<{ sent: TInspectionView[]; failed: number }> {
  if (flushing) return flushing;
  flushing = (async () => {
    const sent: TInspectionView[] = [];
    let failed = 0;
    for (const e of await outboxList()) {
      if (e.error) {
        failed++;
        continue;
      }
      try {
        await uploadPhotos(e);
        const v = await api.post<TInspectionView>('/api/inspections', toSubmission(e.draft), {
          idempotencyKey: e.key,
        });
        await outboxDelete(e.key);
        sent.push(v);
      } catch (err) {
        failed++;
        if (isNetwork(err)) break;
        e.error = err instanceof Error ? err.message : String(err);
        await outboxPut(e);
      }
    }
    return { sent, failed };
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** Drops an entry the server refused (after the inspector has read why). */
export const discard = (key: string) => outboxDelete(key);
