import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CATEGORY_LABELS,
  FINDING_LABELS,
  KIND_LABELS,
  REFUSAL_GROUND_LABELS,
  SOURCE_LABELS,
  type TCategoryId,
  type TEntryVisibility,
  type TWorkOrderDetail,
} from '@zhilv/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Image,
  List,
  message,
  Progress,
  Row,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { StatusTag } from '../../components/StatusTag';
import { useMe } from '../../lib/auth';
import { fmtTime, label } from '../../lib/format';
import { useLiveInvalidate } from '../../lib/sse';
import { ProcedurePanel } from '../procedure/ProcedurePanel';
import { FundPayoutCard } from '../returns/FundPayoutCard';
import { ActionBar } from './ActionBar';
import { actOn, getDuplicates, getWorkOrder } from './api';
import { Deadline } from './Deadline';

const OPEN = ['pending', 'dispatched', 'handling', 'awaiting_material'];

/** Who besides the handlers reads an entry, as staff see it marked on the timeline. */
const VISIBILITY_LABELS: Record<TEntryVisibility, string> = {
  internal: 'woAudience.internal',
  business: 'woAudience.business',
  tourist: 'woAudience.touristTag',
  all: 'woAudience.allTag',
};
const VISIBILITY_COLORS: Record<TEntryVisibility, string> = {
  internal: 'default',
  business: 'orange',
  tourist: 'cyan',
  all: 'geekblue',
};

function Duplicates({ order }: { order: TWorkOrderDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['duplicates', order.id], queryFn: () => getDuplicates(order.id) });
  const canMerge = order.allowedActions.includes('merge');
  return (
    <Card title={t('wo.duplicates')} size="small">
      <List
        dataSource={q.data ?? []}
        locale={{ emptyText: t('wo.noDuplicates') }}
        renderItem={(d) => (
          <List.Item
            actions={
              canMerge
                ? [
                    <Button
                      key="m"
                      size="small"
                      onClick={async () => {
                        try {
                          await actOn(order.id, 'merge', { intoId: d.id });
                          message.success(t('wo.done'));
                          qc.invalidateQueries({ queryKey: ['work-order', order.id] });
                        } catch (e) {
                          message.error(e instanceof Error ? e.message : String(e));
                        }
                      }}
                    >
                      {t('wo.merge')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <Link to={`/console/work-orders/${d.id}`}>{d.trackingNo}</Link>
                  <StatusTag status={d.status} />
                  <Tag>
                    {t('wo.similarity')} {Math.round(d.score * 100)}%
                  </Tag>
                </Space>
              }
              description={<Typography.Text ellipsis={{ tooltip: d.text }}>{d.text}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The classification entry is stored as "<category id> (NN%) keywords…"; show the category in words. */
function classifyNote(note: string): string {
  const [id, ...rest] = note.split(' ');
  return id in CATEGORY_LABELS ? [label(CATEGORY_LABELS, id as TCategoryId), ...rest].join(' ') : note;
}

export function WorkOrderDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const q = useQuery({ queryKey: ['work-order', id], queryFn: () => getWorkOrder(id) });
  useLiveInvalidate('/api/work-orders/events', 'work-order', [['work-order', id]]);
  if (q.isLoading) return <Spin />;
  if (q.error || !q.data)
    return <Alert type="error" message={q.error instanceof Error ? q.error.message : t('common.none')} />;
  const o = q.data;
  const c = o.classification;
  const open = OPEN.includes(o.status);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span data-testid="tracking-no">{o.trackingNo}</span>
            <StatusTag status={o.status} />
            {o.overdue && <Tag color="red">{t('wo.overdue')}</Tag>}
          </Space>
        }
        extra={<ActionBar order={o} onDone={(n) => qc.setQueryData(['work-order', id], n)} />}
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('wo.kind')}>{label(KIND_LABELS, o.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.source')}>{label(SOURCE_LABELS, o.source)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.category')}>{label(CATEGORY_LABELS, o.category)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.business')}>{o.businessName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.department')}>{o.departmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.coDepartments')}>{o.coDepartmentNames.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('wo.reporter')}>
            {o.anonymous ? <Tag>{t('wo.anonymous')}</Tag> : `${o.reporterName ?? '—'} ${o.reporterPhoneMasked ?? ''}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.createdAt')}>{fmtTime(o.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.occurredAt')}>{fmtTime(o.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('wo.responseDue')}>
            <Deadline at={o.responseDueAt} stopped={!!o.respondedAt || !open} />
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.resolutionDue')}>
            <Deadline at={o.resolutionDueAt} stopped={!open} />
          </Descriptions.Item>
          <Descriptions.Item label={t('wo.urgeCount')}>{o.urgeCount}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph style={{ marginTop: 12, fontSize: 15 }} data-testid="order-text">
          {o.text}
        </Typography.Paragraph>
        {o.photoIds.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap>
              {o.photoIds.map((p) => (
                <Image key={p} src={`/api/files/${p}`} width={96} height={96} style={{ objectFit: 'cover' }} />
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {o.answer && (
          <Alert
            style={{ marginTop: 12 }}
            type={o.finding === 'unfounded' ? 'warning' : 'success'}
            message={o.finding ? `${t('wo.answer')} · ${label(FINDING_LABELS, o.finding)}` : t('wo.answer')}
            description={o.answer}
            data-testid="order-finding"
          />
        )}
        {o.refusalGround && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            message={t('woProcedure.refusalGround')}
            description={label(REFUSAL_GROUND_LABELS, o.refusalGround)}
            data-testid="order-refusal-ground"
          />
        )}
      </Card>
      {(me.data?.role === 'dispatcher' || me.data?.role === 'leader') && o.kind === 'complaint' && (
        <FundPayoutCard workOrderId={o.id} onPaid={() => qc.invalidateQueries({ queryKey: ['work-order', id] })} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('wo.timeline')} size="small">
            <Timeline
              items={o.timeline.map((e) => ({
                color: ['overdue', 'escalate', 'urge'].includes(e.action)
                  ? 'red'
                  : e.action === 'resolve' || e.action === 'compensate'
                    ? 'green'
                    : 'blue',
                children: (
                  <div data-testid="timeline-item">
                    <strong>{t(`wo.actions.${e.action}`)}</strong> <span className="zl-muted">{fmtTime(e.at)}</span>
                    {e.visibility && (
                      <Tag
                        color={VISIBILITY_COLORS[e.visibility]}
                        style={{ marginInlineStart: 8 }}
                        data-testid="entry-visibility"
                      >
                        {t(VISIBILITY_LABELS[e.visibility])}
                      </Tag>
                    )}
                    <div className="zl-muted">{[e.departmentName, e.actorName].filter(Boolean).join(' · ')}</div>
                    {e.note && <div>{e.action === 'classify' ? classifyNote(e.note) : e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space direction="vertical" style={{ width: '100%' }} size={16}>
            {c && (
              <Card title={t('wo.classification')} size="small">
                <Space direction="vertical" style={{ width: '100%' }}>
                  <div>
                    <Tag color="blue" style={{ marginInlineEnd: 8 }}>
                      {label(CATEGORY_LABELS, c.category as TCategoryId)}
                    </Tag>
                    {t('wo.confidence')}{' '}
                    <Progress
                      percent={Math.round(c.confidence * 100)}
                      size="small"
                      style={{ width: 160, display: 'inline-flex' }}
                    />
                  </div>
                  <div>
                    {t('wo.keyword')}:{' '}
                    {c.keywords.map((k) => (
                      <Tag key={k} style={{ marginInlineEnd: 4 }}>
                        {k}
                      </Tag>
                    ))}
                  </div>
                  <div className="zl-muted">
                    {t('wo.alternatives')}:{' '}
                    {c.alternatives
                      .map(
                        (a) =>
                          `${label(CATEGORY_LABELS, a.category as TCategoryId)} ${Math.round(a.confidence * 100)}%`,
                      )
                      .join(i18n.language === 'en' ? ', ' : '，')}
                  </div>
                </Space>
              </Card>
            )}
            {me.data?.role === 'dispatcher' && <Duplicates order={o} />}
            <ProcedurePanel
              orderId={o.id}
              version={o.timeline.length}
              onChanged={() => qc.invalidateQueries({ queryKey: ['work-order', id] })}
            />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
