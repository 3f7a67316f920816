import { useQueryClient } from '@tanstack/react-query';
import type { TBooking, TCreateBookingRequest, TVisitorDocumentType } from '@zhilv/contracts';
import {
  ISO_ALPHA3,
  isValidVisitorDocument,
  normaliseDocumentNumber,
  VISITOR_DOCUMENT_LABELS,
  VISITOR_DOCUMENT_TYPES,
} from '@zhilv/contracts';
import { Button, Card, DotLoading, ErrorBlock, Form, Input, NoticeBar } from 'antd-mobile';
import { AddCircleOutline, DeleteOutline } from 'antd-mobile-icons';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../lib/api';
import { Consent } from '../../components/Consent';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { isDefiniteRefusal, showError } from '../../lib/errors';
import { usePortalMe } from '../../lib/usePortalMe';
import { uuid } from '../../lib/uuid';
import { mineKey, slotTime, spotName, useAvailability, useSpot } from './api';

type TVisitor = {
  key: string;
  name: string;
  documentType: TVisitorDocumentType;
  idNumber: string;
  nationality: string;
};
const blank = (): TVisitor => ({ key: uuid(), name: '', documentType: 'resident_id', idNumber: '', nationality: '' });
const sameDoc = (a: TVisitor, b: TVisitor) =>
  a.documentType === b.documentType && normaliseDocumentNumber(a.idNumber) === normaliseDocumentNumber(b.idNumber);

/**
 * 填写游客: each visitor's name and the document they travel on — a resident ID, a 回乡证, a 台胞证, a passport
 * with its nationality … (each checked by its own format here and again on the server).
 */
export function BookPage() {
  const { spotId = '', slotId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { me, tourist } = usePortalMe();
  const spot = useSpot(spotId);
  const avail = useAvailability(spotId);
  const [visitors, setVisitors] = useState<TVisitor[]>([blank()]);
  const [touched, setTouched] = useState(false);
  const [serverField, setServerField] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per filled form: a retry after a lost answer returns the same booking instead of booking twice.
  const key = useRef(uuid());

  const slot = avail.data?.days.flatMap((d) => d.slots).find((s) => s.id === slotId);
  const max = Math.max(1, Math.min(spot.data?.maxPartySize ?? 1, slot?.remaining ?? 1));
  const errorOf = (v: TVisitor, i: number, f: 'name' | 'idNumber' | 'nationality', show = touched) => {
    if (serverField?.field === `visitors.${i}.${f}`) return serverField.message;
    if (!show) return null;
    if (f === 'name') return v.name.trim() ? null : t('portal.resv.nameRequired');
    const nationality = v.nationality.trim().toUpperCase();
    if (f === 'nationality')
      return v.documentType !== 'passport' || ISO_ALPHA3.has(nationality) ? null : t('portal.resv.nationalityInvalid');
    if (!isValidVisitorDocument(v.documentType, normaliseDocumentNumber(v.idNumber), nationality || 'CHN'))
      return v.documentType === 'resident_id' ? t('portal.resv.idInvalid') : t('portal.resv.docInvalid');
    return visitors.findIndex((o) => sameDoc(o, v)) !== i ? t('portal.resv.idDuplicate') : null;
  };
  const docLabel = (d: TVisitorDocumentType) =>
    i18n.language.startsWith('en') ? VISITOR_DOCUMENT_LABELS[d].en : VISITOR_DOCUMENT_LABELS[d].zh;
  const update = (i: number, patch: Partial<TVisitor>) => {
    setServerField(null);
    setVisitors(visitors.map((v, j) => (j === i ? { ...v, ...patch } : v)));
  };

  const submit = async () => {
    setTouched(true);
    if (
      visitors.length > max ||
      visitors.some(
        (v, i) => errorOf(v, i, 'name', true) || errorOf(v, i, 'idNumber', true) || errorOf(v, i, 'nationality', true),
      )
    )
      return;
    const body: TCreateBookingRequest = {
      slotId,
      visitors: visitors.map((v) => ({
        name: v.name.trim(),
        documentType: v.documentType,
        idNumber: normaliseDocumentNumber(v.idNumber),
        ...(v.documentType === 'passport' ? { nationality: v.nationality.trim().toUpperCase() } : {}),
      })),
    };
    setBusy(true);
    try {
      const b = await api.post<TBooking>('/api/reservations/bookings', body, { idempotencyKey: key.current });
      void qc.invalidateQueries({ queryKey: ['portal', 'resv'] });
      qc.setQueryData(['portal', 'resv', 'booking', b.id], b);
      void qc.invalidateQueries({ queryKey: mineKey });
      navigate(`/tickets/${b.id}?new=1`, { replace: true });
    } catch (e) {
      if (isDefiniteRefusal(e)) key.current = uuid();
      if (e instanceof ApiError && e.field?.startsWith('visitors.'))
        setServerField({ field: e.field, message: e.message });
      showError(e);
      if (e instanceof ApiError && e.status === 409) void avail.refetch();
    } finally {
      setBusy(false);
    }
  };

  let body: React.ReactNode;
  if (me.isLoading || spot.isLoading || avail.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (!tourist)
    body = <LoginRequired title={t('portal.resv.loginTitle')} description={t('portal.resv.loginDesc')} />;
  else if (!tourist.consentVersion) body = <Consent />;
  else if (!spot.data || !slot || slot.state !== 'open')
    body = (
      <ErrorBlock
        status="default"
        title={t('portal.resv.slotGone')}
        description={slot ? t(`portal.resv.slotState.${slot.state}`) : ''}
      >
        <Button onClick={() => navigate(`/reserve/${spotId}`)}>{t('portal.resv.spotTitle')}</Button>
      </ErrorBlock>
    );
  else
    body = (
      <>
        <div className="zlp-section">
          <Card>
            <div className="zlp-kv" data-testid="book-summary">
              <span>{t('portal.resv.spotLabel')}</span>
              <span>{spotName(spot.data, i18n.language === 'en')}</span>
              <span>{t('portal.resv.slotLabel')}</span>
              <span>
                {dayjs(slot.day).format('YYYY-MM-DD')} {slotTime(slot)}
              </span>
              <span>{t('portal.resv.leftLabel')}</span>
              <span>{slot.remaining}</span>
            </div>
          </Card>
        </div>
        <div className="zlp-section">
          <NoticeBar wrap color="info" content={t('portal.resv.idNote', { n: max })} style={{ borderRadius: 8 }} />
        </div>
        <Form
          layout="vertical"
          mode="card"
          footer={
            <Button block color="primary" size="large" loading={busy} onClick={submit} data-testid="book-submit">
              {t('portal.resv.submit', { n: visitors.length })}
            </Button>
          }
        >
          {/* A flat list: antd-mobile's Form finds its headers among direct children, not inside fragments. */}
          {visitors.flatMap((v, i) => [
            <Form.Header key={`${v.key}-h`}>
              <div className="zlp-row" style={{ justifyContent: 'space-between' }}>
                <span>{t('portal.resv.visitorN', { n: i + 1 })}</span>
                {visitors.length > 1 && (
                  <Button
                    size="mini"
                    fill="none"
                    onClick={() => setVisitors(visitors.filter((_, j) => j !== i))}
                    aria-label={t('portal.resv.removeVisitor')}
                  >
                    <DeleteOutline /> {t('portal.resv.removeVisitor')}
                  </Button>
                )}
              </div>
            </Form.Header>,
            <Form.Item
              key={`${v.key}-n`}
              label={t('portal.resv.name')}
              required
              description={errorOf(v, i, 'name') && <span className="zlp-error">{errorOf(v, i, 'name')}</span>}
            >
              <Input
                value={v.name}
                onChange={(name) => update(i, { name })}
                placeholder={t('portal.resv.namePlaceholder')}
                maxLength={40}
                data-testid={`visitor-name-${i}`}
              />
            </Form.Item>,
            <Form.Item key={`${v.key}-d`} label={t('portal.resv.documentType')} required>
              <select
                value={v.documentType}
                onChange={(e) => update(i, { documentType: e.target.value as TVisitorDocumentType })}
                data-testid={`visitor-doc-${i}`}
                aria-label={t('portal.resv.documentType')}
                style={{ width: '100%', border: 'none', background: 'transparent', fontSize: 15 }}
              >
                {VISITOR_DOCUMENT_TYPES.map((d) => (
                  <option key={d} value={d}>
                    {docLabel(d)}
                  </option>
                ))}
              </select>
            </Form.Item>,
            ...(v.documentType === 'passport'
              ? [
                  <Form.Item
                    key={`${v.key}-c`}
                    label={t('portal.resv.nationality')}
                    required
                    description={
                      errorOf(v, i, 'nationality') && <span className="zlp-error">{errorOf(v, i, 'nationality')}</span>
                    }
                  >
                    <Input
                      value={v.nationality}
                      onChange={(nationality) => update(i, { nationality })}
                      placeholder={t('portal.resv.nationalityPlaceholder')}
                      maxLength={3}
                      autoComplete="off"
                      data-testid={`visitor-nationality-${i}`}
                    />
                  </Form.Item>,
                ]
              : []),
            <Form.Item
              key={`${v.key}-i`}
              label={v.documentType === 'resident_id' ? t('portal.resv.idNumber') : t('portal.resv.docNumber')}
              required
              description={errorOf(v, i, 'idNumber') && <span className="zlp-error">{errorOf(v, i, 'idNumber')}</span>}
            >
              <Input
                value={v.idNumber}
                onChange={(idNumber) => update(i, { idNumber })}
                placeholder={
                  v.documentType === 'resident_id' ? t('portal.resv.idPlaceholder') : t('portal.resv.docPlaceholder')
                }
                maxLength={24}
                autoComplete="off"
                data-testid={`visitor-id-${i}`}
              />
            </Form.Item>,
          ])}
          {visitors.length < max && (
            <Form.Item>
              <Button
                block
                fill="outline"
                onClick={() => setVisitors([...visitors, blank()])}
                data-testid="add-visitor"
              >
                <AddCircleOutline /> {t('portal.resv.addVisitor', { n: visitors.length, max })}
              </Button>
            </Form.Item>
          )}
        </Form>
      </>
    );
  return (
    <>
      <PageNav title={t('portal.resv.bookTitle')} back={`/reserve/${spotId}`} />
      {body}
    </>
  );
}
