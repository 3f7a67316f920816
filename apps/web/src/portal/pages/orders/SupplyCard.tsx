import type { TWorkOrderDetail } from '@zhilv/contracts';
import { Button, Card, type ImageUploadItem, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhotoUploader } from '../../components/PhotoUploader';
import { photoIds } from '../../lib/upload';

type TProps = { order: TWorkOrderDetail; onSupply: (body: { text: string; photoIds: string[] }) => Promise<void> };

/** 补充材料: what the department asked for, a text and up to 6 photos. */
export function SupplyCard({ order, onSupply }: TProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const asked = [...order.timeline].reverse().find((e) => e.action === 'request_material')?.note;
  const submit = async () => {
    setBusy(true);
    try {
      await onSupply({ text: text.trim(), photoIds: photoIds(photos) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('portal.detail.supply')} data-testid="supply-card">
      {asked && (
        <div style={{ background: '#fff7e6', padding: 8, borderRadius: 6, marginBottom: 8 }}>
          <div className="zlp-muted">{t('portal.detail.supplyIntro')}</div>
          <div style={{ whiteSpace: 'pre-wrap' }}>{asked}</div>
        </div>
      )}
      <TextArea
        placeholder={t('portal.detail.supplyPlaceholder')}
        value={text}
        onChange={setText}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={2000}
        showCount
        data-testid="supply-text"
      />
      <div style={{ marginTop: 8 }}>
        <PhotoUploader value={photos} onChange={setPhotos} onBusyChange={setUploading} />
      </div>
      <Button
        block
        color="primary"
        disabled={!text.trim() || uploading}
        loading={busy}
        style={{ marginTop: 12 }}
        onClick={submit}
        data-testid="supply-submit"
      >
        {t('portal.common.submit')}
      </Button>
    </Card>
  );
}
