import { useQuery } from '@tanstack/react-query';
import {
  checkReturnWindow,
  GOODS_CATEGORIES,
  RETURN_RULE_MESSAGES,
  RETURNABLE_BUSINESS_KINDS,
  shanghaiDay,
  type TCreateReturnRequest,
  type TGoodsCatalogueItem,
  type TGoodsCategory,
  type TReturnRequestView,
  type TReturnRuleCode,
} from '@zhilv/contracts';
import {
  Button,
  DatePicker,
  Form,
  ImageUploader,
  type ImageUploadItem,
  Input,
  Picker,
  TextArea,
  Toast,
} from 'antd-mobile';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { BusinessPicker } from '../../components/BusinessPicker';
import type { TBizHit } from '../../lib/businesses';
import { isDefiniteRefusal, showError } from '../../lib/errors';
import { toPickerDate } from '../../lib/format';
import { useLabels } from '../../lib/labels';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, photoIds, uploadPhoto } from '../../lib/upload';
import { uuid } from '../../lib/uuid';
import { toFen } from './api';

/** The catalogue as a fresh installation has it, while the server's (the admin may have edited it) loads. */
const DEFAULT_CATALOGUE: TGoodsCatalogueItem[] = GOODS_CATEGORIES.map((c, i) => ({
  code: c.code,
  nameZh: c.zh,
  nameEn: c.en,
  inScope: !c.excludedBy,
  excludedBy: c.excludedBy,
  sort: i,
}));

/**
 * The same refusal the server would give, before anything is sent (the rules come from contracts, the catalogue
 * from the server). The shop's return pledge is checked by the server only.
 */
function ruleFor(
  biz: TBizHit | null,
  goods: TGoodsCatalogueItem | undefined,
  day: string | null,
): TReturnRuleCode | null {
  if (biz && !(RETURNABLE_BUSINESS_KINDS as readonly string[]).includes(biz.kind)) return 'return_business_not_shop';
  if (day) {
    const w = checkReturnWindow(day, shanghaiDay(new Date()));
    if (w) return w;
  }
  if (!goods || goods.inScope) return null;
  return (goods.excludedBy as TReturnRuleCode | null) ?? 'return_goods_out_of_scope';
}

export function ReturnForm({ onDone }: { onDone: (r: TReturnRequestView) => void }) {
  const { t } = useTranslation();
  const { en } = useLabels();
  const [biz, setBiz] = useState<TBizHit | null>(null);
  const [item, setItem] = useState('');
  const [category, setCategory] = useState<TGoodsCategory | null>(null);
  const [pickCategory, setPickCategory] = useState(false);
  const [amount, setAmount] = useState('');
  const [day, setDay] = useState<string | null>(null);
  const [pickDay, setPickDay] = useState(false);
  const [receipt, setReceipt] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [reason, setReason] = useState('');
  const [invoiceNo, setInvoiceNo] = useState('');
  const catalogue =
    useQuery({
      queryKey: ['portal', 'returns', 'catalogue'],
      queryFn: () => api.get<{ items: TGoodsCatalogueItem[] }>('/api/returns/catalogue'),
      staleTime: 10 * 60_000,
    }).data?.items ?? DEFAULT_CATALOGUE;
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  // One key per filled form: a retry after a lost answer returns the same request instead of filing twice.
  const key = useRef(uuid());

  const chosen = catalogue.find((c) => c.code === category);
  const rule = ruleFor(biz, chosen, day);
  const ruleText = rule ? (en ? RETURN_RULE_MESSAGES[rule].en : RETURN_RULE_MESSAGES[rule].zh) : null;
  const fen = toFen(amount);
  const missing = {
    biz: !biz,
    item: !item.trim(),
    category: !category,
    amount: fen === null,
    day: !day,
    receipt: photoIds(receipt).length === 0,
    reason: reason.trim().length < 2,
    invoice: !invoiceNo.trim(),
  };
  const err = (k: keyof typeof missing, text = t('portal.returns.required')) =>
    touched && missing[k] ? <span className="zlp-error">{text}</span> : null;
  const catLabel = (c: TGoodsCatalogueItem) => (en ? c.nameEn : c.nameZh);

  const submit = async () => {
    setTouched(true);
    if (uploading) return void Toast.show({ content: t('portal.appeal.uploading') });
    if (Object.values(missing).some(Boolean) || rule) return;
    const body: TCreateReturnRequest = {
      businessId: biz!.id,
      item: item.trim(),
      goodsCategory: category!,
      amountFen: fen!,
      purchasedOn: day!,
      reason: reason.trim(),
      receiptFileId: photoIds(receipt)[0],
      invoiceNo: invoiceNo.trim(),
    };
    setBusy(true);
    try {
      onDone(await api.post<TReturnRequestView>('/api/returns', body, { idempotencyKey: key.current }));
    } catch (e) {
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
        <>
          {ruleText && (
            <div className="zlp-error" style={{ marginBottom: 12 }} data-testid="return-rule">
              {ruleText}
            </div>
          )}
          <Button
            block
            color="primary"
            size="large"
            loading={busy}
            disabled={uploading || !!rule}
            onClick={submit}
            data-testid="return-submit"
          >
            {t('portal.returns.submit')}
          </Button>
        </>
      }
    >
      <Form.Item label={t('portal.returns.shop')} required description={err('biz')}>
        <BusinessPicker value={biz} onChange={(b) => setBiz(b)} withMap={false} />
      </Form.Item>
      <Form.Item label={t('portal.returns.item')} required description={err('item')}>
        <Input
          value={item}
          onChange={setItem}
          maxLength={100}
          placeholder={t('portal.returns.itemPlaceholder')}
          data-testid="return-item"
        />
      </Form.Item>
      <Form.Item
        label={t('portal.returns.category')}
        required
        clickable
        arrowIcon
        onClick={() => setPickCategory(true)}
        description={err('category')}
        data-testid="return-category"
      >
        {chosen ? catLabel(chosen) : <span className="zlp-muted">{t('portal.returns.choose')}</span>}
      </Form.Item>
      <Picker
        visible={pickCategory}
        onClose={() => setPickCategory(false)}
        columns={[
          catalogue.map((c) => ({
            value: c.code,
            label: c.inScope ? catLabel(c) : `${catLabel(c)}${t('portal.returns.excludedMark')}`,
          })),
        ]}
        value={category ? [category] : []}
        onConfirm={(v) => setCategory((v[0] as TGoodsCategory) ?? null)}
        confirmText={t('portal.common.confirm')}
        cancelText={t('portal.common.cancel')}
      />
      <Form.Item
        label={t('portal.returns.amount')}
        required
        description={err('amount', t('portal.returns.amountInvalid'))}
        extra={<span className="zlp-muted">{t('portal.returns.yuan')}</span>}
      >
        <Input value={amount} onChange={setAmount} inputMode="decimal" placeholder="0.00" data-testid="return-amount" />
      </Form.Item>
      <Form.Item
        label={t('portal.returns.purchasedOn')}
        required
        clickable
        arrowIcon
        onClick={() => setPickDay(true)}
        description={err('day')}
        data-testid="return-day"
      >
        {day ?? <span className="zlp-muted">{t('portal.returns.choose')}</span>}
      </Form.Item>
      <DatePicker
        visible={pickDay}
        precision="day"
        max={toPickerDate()}
        min={dayjs(toPickerDate()).subtract(1, 'year').toDate()}
        defaultValue={toPickerDate()}
        onClose={() => setPickDay(false)}
        onConfirm={(d) => setDay(dayjs(d).format('YYYY-MM-DD'))}
        confirmText={t('portal.common.confirm')}
        cancelText={t('portal.common.cancel')}
      />
      <Form.Item label={t('portal.returnsLocal.invoiceNo')} required description={err('invoice')}>
        <Input
          value={invoiceNo}
          onChange={setInvoiceNo}
          maxLength={64}
          placeholder={t('portal.returnsLocal.invoicePlaceholder')}
          aria-label={t('portal.returnsLocal.invoiceNo')}
          data-testid="return-invoice"
        />
      </Form.Item>
      <Form.Item
        label={t('portal.returns.receipt')}
        required
        description={err('receipt', t('portal.returns.receiptHint')) ?? t('portal.returns.receiptHint')}
      >
        <ImageUploader
          value={receipt}
          onChange={setReceipt}
          maxCount={1}
          accept={PHOTO_TYPES}
          onUploadQueueChange={(tasks) => setUploading(tasks.some((x) => x.status === 'pending'))}
          beforeUpload={(file) => {
            if (file.size > MAX_PHOTO_BYTES) {
              Toast.show({ content: t('portal.appeal.photoTooBig') });
              return null;
            }
            return file;
          }}
          upload={async (file) => {
            try {
              return await uploadPhoto(file);
            } catch (e) {
              showError(e);
              throw e;
            }
          }}
          data-testid="receipt-uploader"
        />
      </Form.Item>
      <Form.Item label={t('portal.returns.reason')} required description={err('reason')}>
        <TextArea
          value={reason}
          onChange={setReason}
          placeholder={t('portal.returns.reasonPlaceholder')}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={1000}
          showCount
          data-testid="return-reason"
        />
      </Form.Item>
    </Form>
  );
}
