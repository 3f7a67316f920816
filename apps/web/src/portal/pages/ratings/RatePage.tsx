import { useQueryClient } from '@tanstack/react-query';
import type { TRating } from '@zhilv/contracts';
import {
  Button,
  Card,
  Dialog,
  DotLoading,
  ErrorBlock,
  Form,
  type ImageUploadItem,
  Result,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../lib/api';
import { Consent } from '../../components/Consent';
import { LoginRequired } from '../../components/LoginRequired';
import { PageNav } from '../../components/PageNav';
import { PhotoUploader } from '../../components/PhotoUploader';
import { errorMessage, isDefiniteRefusal, showError } from '../../lib/errors';
import { useLabels } from '../../lib/labels';
import { photoIds } from '../../lib/upload';
import { usePortalMe } from '../../lib/usePortalMe';
import { uuid } from '../../lib/uuid';
import { myRatingsKey, type TComplaintPrefill, useRatingCode } from './api';
import { Stars } from './Stars';

/** 服务评价: what the scanned code stands for, stars per dimension, a comment and up to 3 photos. */
export function RatePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { en, name } = useLabels();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { me, tourist } = usePortalMe();
  const target = useRatingCode(code);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState<TRating | null>(null);
  const [already, setAlready] = useState<string | null>(null);
  const key = useRef(uuid());

  const offerComplaint = async (r: TRating) => {
    const yes = await Dialog.confirm({
      title: t('portal.rate.complainTitle'),
      content: t('portal.rate.complainBody'),
      confirmText: t('portal.rate.complainYes'),
      cancelText: t('portal.rate.complainNo'),
    });
    if (!yes || !target.data) return;
    const where = en && target.data.nameEn ? target.data.nameEn : target.data.name;
    const prefill: TComplaintPrefill = {
      ratingId: r.id,
      text: t('portal.rate.complaintText', {
        where,
        kind: en ? target.data.kind.en : target.data.kind.zh,
        text: r.comment ?? '',
      }),
      business: target.data.business,
    };
    navigate('/appeal', { state: { ratingPrefill: prefill } });
  };

  const submit = async () => {
    setTouched(true);
    const dims = target.data?.dimensions ?? [];
    if (dims.some((d) => !scores[d.code])) return;
    if (uploading) {
      Toast.show({ content: t('portal.appeal.uploading') });
      return;
    }
    setBusy(true);
    try {
      const r = await api.post<TRating>(
        '/api/ratings',
        { code, scores, comment: comment.trim() || undefined, photoIds: photoIds(photos) },
        { idempotencyKey: key.current },
      );
      await qc.invalidateQueries({ queryKey: myRatingsKey });
      setDone(r);
      if (r.offerComplaint) void offerComplaint(r);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'rating_already_today') setAlready(e.message);
      else {
        if (isDefiniteRefusal(e)) key.current = uuid();
        showError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  let body: React.ReactNode;
  if (target.isLoading || me.isLoading)
    body = (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <DotLoading color="primary" />
      </div>
    );
  else if (target.isError) {
    // A code deactivated and replaced (410): the sheet on the wall is old; the place has a new one.
    const replaced = target.error instanceof ApiError && target.error.code === 'rating_code_deactivated';
    body = (
      <ErrorBlock
        status="empty"
        title={replaced ? t('portal.rate.replacedTitle') : errorMessage(target.error)}
        description={replaced ? errorMessage(target.error) : ''}
        data-testid="rate-error"
      >
        <Button color="primary" onClick={() => navigate('/rate')}>
          {replaced ? t('portal.rate.scanNew') : t('portal.rate.typeCode')}
        </Button>
      </ErrorBlock>
    );
  } else if (!target.data) body = null;
  else if (done || already)
    body = (
      <div className="zlp-section">
        <Card>
          <Result
            status={done ? 'success' : 'info'}
            title={done ? t('portal.rate.thanks') : t('portal.rate.alreadyTitle')}
            description={done ? t('portal.rate.thanksDesc') : already}
            data-testid="rate-result"
          />
          {done?.offerComplaint && (
            <Button
              block
              color="danger"
              fill="outline"
              onClick={() => void offerComplaint(done)}
              data-testid="rate-complain"
            >
              {t('portal.rate.complainYes')}
            </Button>
          )}
          <Button block style={{ marginTop: 12 }} onClick={() => navigate('/ratings')} data-testid="rate-mine">
            {t('portal.rate.mine')}
          </Button>
        </Card>
      </div>
    );
  else {
    const d = target.data;
    body = (
      <>
        <div className="zlp-section">
          <Card>
            <div className="zlp-muted">{en ? d.kind.en : d.kind.zh}</div>
            <div style={{ fontSize: 20, fontWeight: 600, margin: '4px 0' }} data-testid="rate-target">
              {name(d)}
            </div>
            {d.targetType === 'practitioner' && d.business && <div className="zlp-muted">{name(d.business)}</div>}
          </Card>
        </div>
        {!tourist ? (
          <LoginRequired title={t('portal.rate.loginTitle')} description={t('portal.rate.loginDesc')} />
        ) : !tourist.consentVersion ? (
          <Consent />
        ) : (
          <Form
            layout="vertical"
            mode="card"
            footer={
              <Button block color="primary" size="large" loading={busy} onClick={submit} data-testid="rate-submit">
                {t('portal.rate.submit')}
              </Button>
            }
          >
            {d.dimensions.map((dim) => (
              <Form.Item
                key={dim.code}
                label={en ? dim.en : dim.zh}
                required
                description={
                  touched && !scores[dim.code] && <span className="zlp-error">{t('portal.rate.pickStars')}</span>
                }
              >
                <Stars
                  value={scores[dim.code] ?? 0}
                  onChange={(v) => setScores((prev) => ({ ...prev, [dim.code]: v }))}
                  testId={`rate-${dim.code}`}
                />
              </Form.Item>
            ))}
            <Form.Item label={t('portal.rate.comment')}>
              <TextArea
                placeholder={t('portal.rate.commentPlaceholder')}
                value={comment}
                onChange={setComment}
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={500}
                showCount
                data-testid="rate-comment"
              />
            </Form.Item>
            <Form.Item label={t('portal.rate.photos')} description={t('portal.rate.photosHint')}>
              <PhotoUploader value={photos} onChange={setPhotos} onBusyChange={setUploading} max={3} />
            </Form.Item>
          </Form>
        )}
      </>
    );
  }
  return (
    <>
      <PageNav title={t('portal.rate.title')} back="/" />
      {body}
    </>
  );
}
