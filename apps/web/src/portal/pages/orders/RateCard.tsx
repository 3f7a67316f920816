import { SATISFACTIONS, type TSatisfaction, type TWorkOrderDetail } from '@zhilv/contracts';
import { Button, Card, Dialog, Selector, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type TProps = {
  order: TWorkOrderDetail;
  onRate: (body: { satisfaction: TSatisfaction; reason?: string }) => Promise<void>;
};

/** 回访: satisfied / basically satisfied / unsatisfied (+ reason); unsatisfied reopens the order once. */
export function RateCard({ order, onRate }: TProps) {
  const { t } = useTranslation();
  const [sat, setSat] = useState<TSatisfaction | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const canReopen = order.reopenCount < 1;
  const submit = async () => {
    if (!sat) return;
    if (
      sat === 'unsatisfied' &&
      canReopen &&
      !(await Dialog.confirm({ content: t('portal.detail.confirmUnsatisfied') }))
    )
      return;
    setBusy(true);
    try {
      await onRate({ satisfaction: sat, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('portal.detail.rate')} data-testid="rate-card">
      <p style={{ margin: '0 0 8px' }}>{t('portal.detail.rateIntro')}</p>
      <Selector
        columns={3}
        value={sat ? [sat] : []}
        onChange={(v) => setSat(v[0] ?? null)}
        options={SATISFACTIONS.map((s) => ({ value: s, label: t(`portal.satisfaction.${s}`) }))}
        data-testid="rate-selector"
      />
      <p className="zlp-muted" style={{ margin: '8px 0' }}>
        {canReopen ? t('portal.detail.reopenNote') : t('portal.detail.reopenUsed')}
      </p>
      {sat === 'unsatisfied' && (
        <TextArea
          placeholder={t('portal.detail.reason')}
          value={reason}
          onChange={setReason}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={500}
          showCount
          data-testid="rate-reason"
        />
      )}
      <Button
        block
        color="primary"
        disabled={!sat}
        loading={busy}
        style={{ marginTop: 12 }}
        onClick={submit}
        data-testid="rate-submit"
      >
        {t('portal.common.submit')}
      </Button>
    </Card>
  );
}
