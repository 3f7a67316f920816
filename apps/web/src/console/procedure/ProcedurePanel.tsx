import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TTimeRequest } from '@zhilv/contracts';
import { Card, List, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/auth';
import { fmtTime } from '../../lib/format';
import { getProcedure } from './api';
import { DecideButton, EndSuspensionButton } from './DecideForm';
import { DisputeStatus, ReviewDisputeButton } from './DisputeReview';

const STATUS_COLORS: Record<TTimeRequest['status'], string> = {
  pending: 'gold',
  approved: 'green',
  refused: 'red',
  ended: 'default',
};

/** What a request asked for, in words. */
export function requestWhat(t: TFunction, r: TTimeRequest) {
  return r.kind === 'extension' ? t('procedure.extensionDays', { n: r.days }) : t('procedure.suspension');
}

/**
 * The order's procedure for the handlers: who held it when, each holder's first response against its own
 * deadline (charged to that holder), and the requests for more time with their decisions.
 */
export function ProcedurePanel({
  orderId,
  version,
  onChanged,
}: {
  orderId: string;
  /** the order's timeline length: an action taken elsewhere on the page (the action bar) reloads the panel */
  version: number;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const q = useQuery({ queryKey: ['procedure', orderId, version], queryFn: () => getProcedure(orderId) });
  const role = me.data?.role;
  const refresh = () => {
    qc.invalidateQueries({ queryKey: ['procedure', orderId] });
    onChanged();
  };
  const p = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {/* 派单异议: shown once a department disputed this order's dispatch */}
      {(p?.disputes.length ?? 0) > 0 && (
        <Card title={t('woProcedure.disputes')} size="small" data-testid="disputes">
          <List
            dataSource={p?.disputes ?? []}
            renderItem={(d) => (
              <List.Item
                actions={
                  d.status === 'pending' && role === 'dispatcher'
                    ? [<ReviewDisputeButton key="r" dispute={d} onDone={refresh} />]
                    : []
                }
              >
                <List.Item.Meta
                  title={<DisputeStatus d={d} />}
                  description={
                    <Space direction="vertical" size={0}>
                      <span>
                        {d.departmentName} · {fmtTime(d.requestedAt)}
                      </span>
                      <span>{d.reason}</span>
                      {d.decisionNote && (
                        <Typography.Text type="secondary">
                          {t('procedure.decisionNote')}: {d.decisionNote}
                        </Typography.Text>
                      )}
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title={t('procedure.timeRequests')} size="small" data-testid="time-requests">
        <List
          loading={q.isLoading}
          dataSource={p?.timeRequests ?? []}
          locale={{ emptyText: t('procedure.noRequests') }}
          renderItem={(r) => (
            <List.Item
              actions={[
                r.status === 'pending' && role === 'dispatcher' ? (
                  <DecideButton key="d" request={r} onDone={refresh} />
                ) : null,
                r.status === 'approved' &&
                r.kind === 'suspension' &&
                (role === 'department_staff' || role === 'department_head') ? (
                  <EndSuspensionButton key="e" request={r} onDone={refresh} />
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{requestWhat(t, r)}</span>
                    <Tag color={STATUS_COLORS[r.status]} data-testid="time-request-status">
                      {t(`procedure.status.${r.status}`)}
                    </Tag>
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    <span>
                      {r.departmentName} · {fmtTime(r.requestedAt)}
                    </span>
                    <span>{r.reason}</span>
                    {r.decisionNote && (
                      <Typography.Text type="secondary">
                        {t('procedure.decisionNote')}: {r.decisionNote}
                      </Typography.Text>
                    )}
                    {r.deadlineAfter && (
                      <span>
                        {t('procedure.newDeadline')}: {fmtTime(r.deadlineAfter)}
                      </span>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('procedure.stretches')} size="small" data-testid="stretches">
        <List
          loading={q.isLoading}
          dataSource={p?.stretches ?? []}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{s.holder === 'command_center' ? t('procedure.commandCenter') : s.departmentName}</span>
                    {s.responseLate ? (
                      <Tag color="red">{t('procedure.late')}</Tag>
                    ) : s.respondedAt ? (
                      <Tag color="green">{t('procedure.inTime')}</Tag>
                    ) : null}
                    {s.resolutionBreached && <Tag color="volcano">{t('procedure.resolutionBreached')}</Tag>}
                    {s.endReason && <Tag>{t(`procedure.end.${s.endReason}`)}</Tag>}
                  </Space>
                }
                description={
                  <span>
                    {fmtTime(s.startedAt)} → {s.endedAt ? fmtTime(s.endedAt) : t('procedure.now')} ·{' '}
                    {t(s.holder === 'command_center' ? 'procedure.dispatchBy' : 'procedure.acceptBy')}{' '}
                    {fmtTime(s.responseDueAt)}
                  </span>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
