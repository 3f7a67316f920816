import { CATEGORY_LABELS, KIND_LABELS, type TWorkOrderDetail } from '@zhilv/contracts';
import { Card, Image, ImageViewer, List, Space } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { StatusTag } from '../../components/StatusTag';
import { fmtTime } from '../../lib/format';
import { useLabels } from '../../lib/labels';

/** What was filed: number, status, text, business, department, photos. */
export function OrderFacts({ order: o }: { order: TWorkOrderDetail }) {
  const { t } = useTranslation();
  const { label } = useLabels();
  const photos = o.photoIds.map((id) => `/api/files/${id}`);
  const rows: [string, string | null][] = [
    [t('portal.detail.kind'), label(KIND_LABELS, o.kind)],
    [t('portal.detail.category'), o.category ? label(CATEGORY_LABELS, o.category) : null],
    [t('portal.detail.business'), o.businessName],
    [t('portal.detail.department'), [o.departmentName, ...o.coDepartmentNames].filter(Boolean).join('、') || null],
    [t('portal.detail.occurredAt'), o.occurredAt ? fmtTime(o.occurredAt) : null],
    [t('portal.detail.createdAt'), fmtTime(o.createdAt)],
    [t('portal.detail.resolutionDue'), o.resolvedAt ? null : o.resolutionDueAt ? fmtTime(o.resolutionDueAt) : null],
  ];
  return (
    <Card
      title={<span data-testid="tracking-no">{o.trackingNo}</span>}
      extra={<StatusTag status={o.status} testId="order-status" />}
    >
      <p style={{ lineHeight: 1.7, margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>{o.text}</p>
      {photos.length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          {photos.map((src, i) => (
            <Image
              key={src}
              src={src}
              width={72}
              height={72}
              fit="cover"
              style={{ borderRadius: 4, cursor: 'pointer' }}
              onClick={() => ImageViewer.Multi.show({ images: photos, defaultIndex: i })}
            />
          ))}
        </Space>
      )}
      <List style={{ '--border-top': 'none', '--border-bottom': 'none', '--padding-left': '0' }}>
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <List.Item key={k} extra={<span style={{ color: '#333' }}>{v}</span>} style={{ fontSize: 14 }}>
              <span className="zlp-muted">{k}</span>
            </List.Item>
          ))}
      </List>
      {o.anonymous && <div className="zlp-muted">{t('portal.detail.anonymous')}</div>}
    </Card>
  );
}
