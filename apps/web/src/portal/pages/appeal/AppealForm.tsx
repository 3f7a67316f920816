import {
  KIND_LABELS,
  type TCreateWorkOrderRequest,
  type TWorkOrderDetail,
  type TWorkOrderKind,
  WORK_ORDER_KINDS,
} from '@zhilv/contracts';
import { Button, DatePicker, Form, type ImageUploadItem, Selector, Switch, TextArea, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { BusinessPicker } from '../../components/BusinessPicker';
import { PhotoUploader } from '../../components/PhotoUploader';
import { useUnpickedBusiness } from '../../components/useUnpickedBusiness';
import type { TBizHit } from '../../lib/businesses';
import { isDefiniteRefusal, showError } from '../../lib/errors';
import { fromPickerDate, toPickerDate } from '../../lib/format';
import { useLabels } from '../../lib/labels';
import { photoIds } from '../../lib/upload';
import { uuid } from '../../lib/uuid';
import { CategoryHint } from './CategoryHint';

type TPoint = { lng: number; lat: number };

/** Filled in beforehand, e.g. by a low rating that becomes a complaint. */
export type TAppealPrefill = { kind?: TWorkOrderKind; text?: string; business?: TBizHit | null };

export function AppealForm({ onDone, initial }: { onDone: (o: TWorkOrderDetail) => void; initial?: TAppealPrefill }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const [kind, setKind] = useState<TWorkOrderKind>(initial?.kind ?? 'complaint');
  const [text, setText] = useState(initial?.text ?? '');
  const [biz, setBiz] = useState<TBizHit | null>(initial?.business ?? null);
  const [location, setLocation] = useState<TPoint | null>(null);
  const [occurredAt, setOccurredAt] = useState<Date | null>(null);
  const [pickDate, setPickDate] = useState(false);
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const unpicked = useUnpickedBusiness(biz, setBiz);
  // One key per filled form: a retry after a lost answer returns the same order instead of filing twice.
  const key = useRef(uuid());
  const short = text.trim().length < 5;

  const submit = async () => {
    setTouched(true);
    if (short) return;
    if (uploading) {
      Toast.show({ content: t('portal.appeal.uploading') });
      return;
    }
    const chosen = await unpicked.confirm();
    if (chosen === 'back') return;
    const body: TCreateWorkOrderRequest = {
      kind,
      text: text.trim(),
      photoIds: photoIds(photos),
      anonymous: kind === 'report' && anonymous,
      ...(chosen ? { businessId: chosen.id } : {}),
      ...(location ? { location } : {}),
      ...(occurredAt ? { occurredAt: fromPickerDate(occurredAt).format() } : {}),
    };
    setBusy(true);
    try {
      onDone(await api.post<TWorkOrderDetail>('/api/work-orders', body, { idempotencyKey: key.current }));
    } catch (e) {
      // The server refused and stored nothing: the corrected form is a new submission.
      if (isDefiniteRefusal(e)) key.current = uuid();
      showError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      layout="vertical"
      mode="card"
      footer={
        <Button
          block
          color="primary"
          size="large"
          loading={busy}
          loadingText={t('portal.appeal.submitting')}
          disabled={uploading}
          onClick={submit}
          data-testid="appeal-submit"
        >
          {t('portal.appeal.submit')}
        </Button>
      }
    >
      <Form.Item label={t('portal.appeal.kind')}>
        <Selector
          columns={3}
          value={[kind]}
          onChange={(v) => v[0] && setKind(v[0])}
          options={WORK_ORDER_KINDS.map((k) => ({ value: k, label: label(KIND_LABELS, k) }))}
          data-testid="kind-selector"
        />
      </Form.Item>
      <Form.Item
        label={t('portal.appeal.text')}
        required
        description={touched && short && <span className="zlp-error">{t('portal.appeal.tooShort')}</span>}
      >
        <TextArea
          placeholder={t('portal.appeal.textPlaceholder')}
          value={text}
          onChange={setText}
          autoSize={{ minRows: 4, maxRows: 10 }}
          maxLength={2000}
          showCount
          data-testid="appeal-text"
        />
        <CategoryHint text={text} />
      </Form.Item>
      <Form.Item label={t('portal.appeal.business')}>
        <BusinessPicker
          value={biz}
          onChange={(b, at) => {
            setBiz(b);
            if (at !== undefined) setLocation(at);
          }}
          onSearchChange={unpicked.onSearchChange}
        />
      </Form.Item>
      <Form.Item
        label={t('portal.appeal.occurredAt')}
        onClick={() => setPickDate(true)}
        clickable
        arrowIcon
        data-testid="occurred-at"
      >
        {occurredAt ? (
          dayjs(occurredAt).format('YYYY-MM-DD HH:mm')
        ) : (
          <span className="zlp-muted">{t('portal.appeal.occurredPlaceholder')}</span>
        )}
      </Form.Item>
      <DatePicker
        visible={pickDate}
        precision="minute"
        max={toPickerDate()}
        min={dayjs(toPickerDate()).subtract(1, 'year').toDate()}
        defaultValue={toPickerDate()}
        onClose={() => setPickDate(false)}
        onConfirm={setOccurredAt}
      />
      <Form.Item label={t('portal.appeal.photos')} description={t('portal.appeal.photosHint')}>
        <PhotoUploader value={photos} onChange={setPhotos} onBusyChange={setUploading} />
      </Form.Item>
      {kind === 'report' && (
        <Form.Item
          label={t('portal.appeal.anonymous')}
          description={t('portal.appeal.anonymousHint')}
          extra={<Switch checked={anonymous} onChange={setAnonymous} data-testid="anonymous-switch" />}
          layout="horizontal"
        />
      )}
    </Form>
  );
}
