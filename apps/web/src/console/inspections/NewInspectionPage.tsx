import {
  distanceMetres,
  FAR_FROM_BUSINESS_M,
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  SEVERITY_LABELS,
  type TChecklistView,
  timeFlags,
} from '@zhilv/contracts';
import { Alert, Button, Card, Input, message, Radio, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BusinessSelect, type TBusinessHit } from '../../components/BusinessSelect';
import { api } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { label, nameIn } from '../../lib/format';
import { cacheGet, cachePut, clearDraft, enqueue, flushOutbox, loadDraft, saveDraft, type TDraft } from './offline';
import { OutboxBanner, useOnline } from './parts';

type TMyBusiness = TBusinessHit & { gridId: string | null };

const emptyDraft = (): TDraft => ({
  businessId: null,
  businessName: '',
  checklistId: null,
  kind: 'patrol',
  startedAt: null,
  position: null,
  results: {},
  notes: '',
  confirmedByName: '',
});

/**
 * 现场检查 on a phone: pick the business, start (GPS kept, a warning beyond 500 m), walk the checklist's items,
 * a photo on each failure that needs one, the representative's name, submit. Everything is kept on the phone as it
 * is typed (IndexedDB); a submission goes into the phone's outbox and is sent when the network allows.
 */
export function NewInspectionPage() {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const online = useOnline();
  const [draft, setDraft] = useState<TDraft | null>(null);
  const [checklists, setChecklists] = useState<TChecklistView[]>([]);
  const [mine, setMine] = useState<TMyBusiness[]>([]);
  const [business, setBusiness] = useState<TBusinessHit | null>(null);
  const [outboxTick, setOutboxTick] = useState(0);
  const [gpsError, setGpsError] = useState<string | null>(null);
  const loaded = useRef(false);

  // Checklists and my businesses: from the server when online, from the phone's cache when not.
  useEffect(() => {
    (async () => {
      try {
        const cl = await api.get<TChecklistView[]>('/api/checklists');
        setChecklists(cl);
        await cachePut('checklists', cl);
      } catch {
        setChecklists((await cacheGet<TChecklistView[]>('checklists')) ?? []);
      }
      try {
        const b = await api.get<TMyBusiness[]>('/api/inspections/my-businesses');
        setMine(b);
        await cachePut('my-businesses', b);
      } catch {
        setMine((await cacheGet<TMyBusiness[]>('my-businesses')) ?? []);
      }
      const d = (await loadDraft()) ?? emptyDraft();
      setDraft(d);
      const biz = (await cacheGet<TBusinessHit>('draft-business')) ?? null;
      if (biz && biz.id === d.businessId) setBusiness(biz);
      loaded.current = true;
    })();
  }, []);

  const update = useCallback((f: (d: TDraft) => TDraft) => {
    setDraft((d) => {
      if (!d) return d;
      const next = f(d);
      if (loaded.current) void saveDraft(next);
      return next;
    });
  }, []);

  const checklist = checklists.find((c) => c.id === draft?.checklistId) ?? null;
  const offered = useMemo(
    () => checklists.filter((c) => !business || !c.businessKind || c.businessKind === business.kind),
    [checklists, business],
  );
  const distance =
    draft?.position && business?.lng != null && business?.lat != null
      ? distanceMetres(draft.position, { lng: business.lng, lat: business.lat })
      : null;
  const flags = draft?.startedAt ? timeFlags(new Date(draft.startedAt)) : null;

  const pickBusiness = (b: TBusinessHit | null) => {
    setBusiness(b);
    if (b) void cachePut('draft-business', b);
    update((d) => ({ ...d, businessId: b?.id ?? null, businessName: b ? nameIn(b.name, b.nameEn) : '' }));
  };

  const start = () => {
    update((d) => ({ ...d, startedAt: new Date().toISOString() }));
    setGpsError(null);
    if (!navigator.geolocation) return setGpsError(t('inspections.gpsUnavailable'));
    navigator.geolocation.getCurrentPosition(
      (p) => update((d) => ({ ...d, position: { lng: p.coords.longitude, lat: p.coords.latitude } })),
      () => setGpsError(t('inspections.gpsUnavailable')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const setResult = (key: string, patch: Partial<TDraft['results'][string]>) =>
    update((d) => ({
      ...d,
      results: { ...d.results, [key]: { ...{ note: '', photos: [] }, ...d.results[key], ...patch } },
    }));

  const addPhoto = (key: string, file: File) => {
    const id = `${Date.now()}-${Math.random().toString(16).slice(2)}`;
    const r = draft?.results[key];
    setResult(key, { photos: [...(r?.photos ?? []), { id, blob: file }] });
  };

  const missing = checklist
    ? checklist.items.filter((i) => {
        const r = draft?.results[i.key];
        return !r?.outcome || (r.outcome === 'fail' && i.photoRequired && r.photos.length === 0);
      })
    : [];
  const ready = !!draft?.businessId && !!checklist && !!draft.startedAt && missing.length === 0;

  const submit = async () => {
    if (!draft || !ready) return;
    await enqueue(draft);
    await clearDraft();
    setDraft(emptyDraft());
    setBusiness(null);
    setOutboxTick((n) => n + 1);
    if (!navigator.onLine) {
      message.info(t('inspections.queuedOffline'));
      return;
    }
    const r = await flushOutbox();
    setOutboxTick((n) => n + 1);
    if (r.sent.length) {
      message.success(t('inspections.sent'));
      nav(`/console/inspections/${r.sent[r.sent.length - 1].id}`);
    } else message.info(t('inspections.queuedOffline'));
  };

  if (!draft || !me.data) return <Card loading />;
  const isGridWorker = me.data.role === 'grid_worker';

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <OutboxBanner tick={outboxTick} online={online} />
      <Card title={t('inspections.newTitle')} size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text strong>{t('inspections.business')}</Typography.Text>
          {isGridWorker ? (
            <Select
              style={{ width: '100%' }}
              value={draft.businessId ?? undefined}
              placeholder={t('inspections.pickBusiness')}
              data-testid="insp-business"
              options={mine.map((b) => ({ value: b.id, label: nameIn(b.name, b.nameEn) }))}
              onChange={(id) => pickBusiness(mine.find((b) => b.id === id) ?? null)}
            />
          ) : (
            <BusinessSelect
              value={draft.businessId ?? undefined}
              onPick={pickBusiness}
              placeholder={t('inspections.pickBusiness')}
            />
          )}
          <Typography.Text strong>{t('inspections.kind')}</Typography.Text>
          <Select
            style={{ width: '100%' }}
            value={draft.kind}
            data-testid="insp-kind"
            // 双随机 inspections start from their draw task (the draws module); not chosen here.
            options={INSPECTION_KINDS.filter((k) => k !== 'random_draw' && k !== 'reinspection').map((k) => ({
              value: k,
              label: label(INSPECTION_KIND_LABELS, k),
            }))}
            onChange={(kind) => update((d) => ({ ...d, kind }))}
          />
          <Typography.Text strong>{t('inspections.checklist')}</Typography.Text>
          <Select
            style={{ width: '100%' }}
            value={draft.checklistId ?? undefined}
            placeholder={t('inspections.pickChecklist')}
            data-testid="insp-checklist"
            options={offered.map((c) => ({ value: c.id, label: `${nameIn(c.name, c.nameEn)} v${c.version}` }))}
            onChange={(id) => update((d) => ({ ...d, checklistId: id, results: {} }))}
          />
          {!draft.startedAt ? (
            <Button type="primary" block disabled={!draft.businessId} onClick={start} data-testid="insp-start">
              {t('inspections.start')}
            </Button>
          ) : (
            <Space wrap>
              <Tag color="blue">
                {t('inspections.startedAt')} {new Date(draft.startedAt).toLocaleTimeString()}
              </Tag>
              {flags?.night && <Tag color="purple">{t('inspections.night')}</Tag>}
              {flags?.weekend && <Tag color="purple">{t('inspections.weekend')}</Tag>}
              {distance !== null && (
                <Tag color={distance > FAR_FROM_BUSINESS_M ? 'red' : 'green'}>
                  {t('inspections.distance', { m: distance })}
                </Tag>
              )}
            </Space>
          )}
          {distance !== null && distance > FAR_FROM_BUSINESS_M && (
            <Alert type="warning" showIcon message={t('inspections.farWarning', { m: distance })} />
          )}
          {gpsError && <Alert type="info" showIcon message={gpsError} />}
        </Space>
      </Card>

      {checklist && draft.startedAt && (
        <Card title={t('inspections.items')} size="small">
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            {checklist.items.map((i) => {
              const r = draft.results[i.key];
              return (
                <div
                  key={i.key}
                  data-testid={`insp-item-${i.key}`}
                  style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 12 }}
                >
                  <div style={{ fontWeight: 500 }}>{nameIn(i.text, i.textEn)}</div>
                  <div style={{ color: 'rgba(0, 0, 0, 0.62)', fontSize: 12 }}>
                    {label(SEVERITY_LABELS, i.severity)} · {i.legalBasis}
                    {i.photoRequired ? ` · ${t('inspections.photoRequired')}` : ''}
                  </div>
                  <Radio.Group
                    style={{ marginTop: 6 }}
                    optionType="button"
                    value={r?.outcome}
                    onChange={(e) => setResult(i.key, { outcome: e.target.value })}
                    options={[
                      { value: 'pass', label: t('inspections.pass') },
                      { value: 'fail', label: t('inspections.fail') },
                      { value: 'not_applicable', label: t('inspections.na') },
                    ]}
                  />
                  {r?.outcome === 'fail' && (
                    <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
                      <Input.TextArea
                        rows={2}
                        maxLength={1000}
                        placeholder={t('inspections.findingPlaceholder')}
                        value={r.note}
                        onChange={(e) => setResult(i.key, { note: e.target.value })}
                      />
                      <input
                        type="file"
                        accept="image/*"
                        capture="environment"
                        data-testid={`insp-photo-${i.key}`}
                        onChange={(e) => {
                          const f = e.target.files?.[0];
                          if (f) addPhoto(i.key, f);
                          e.target.value = '';
                        }}
                      />
                      <span style={{ fontSize: 12, color: '#666' }}>
                        {t('inspections.photosTaken', { n: r.photos.length })}
                      </span>
                    </Space>
                  )}
                </div>
              );
            })}
            <Input.TextArea
              rows={3}
              maxLength={2000}
              placeholder={t('inspections.notes')}
              value={draft.notes}
              onChange={(e) => update((d) => ({ ...d, notes: e.target.value }))}
            />
            <Input
              maxLength={50}
              placeholder={t('inspections.confirmedBy')}
              value={draft.confirmedByName}
              data-testid="insp-confirmed-by"
              onChange={(e) => update((d) => ({ ...d, confirmedByName: e.target.value }))}
            />
            <div style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.62)' }}>{t('inspections.confirmHint')}</div>
            {missing.length > 0 && (
              <Alert type="info" message={t('inspections.itemsLeft', { n: missing.length })} showIcon />
            )}
            <Button type="primary" block size="large" disabled={!ready} onClick={submit} data-testid="insp-submit">
              {online ? t('inspections.submit') : t('inspections.submitOffline')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
