import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  BUSINESS_KIND_LABELS,
  GRID_EMPLOYMENT_LABELS,
  GRID_EMPLOYMENTS,
  GRID_MEMBER_ROLE_LABELS,
  GRID_MEMBER_ROLES,
  type TBusinessKind,
  type TGridEmployment,
  type TGridMemberRole,
} from '@zhilv/contracts';
import { Button, Card, Descriptions, Empty, Modal, message, Select, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { ApiError, api } from '../../lib/api';
import { label, nameIn } from '../../lib/format';
import { LazyGeoMap } from '../../portal/components/LazyGeoMap';
import type { TCandidate, TGridBusiness, TGridDetail, TGridRow } from './api';
import { GridForm } from './GridsPage';

type TMemberDraft = { key: string; userId: string; role: TGridMemberRole; employment: TGridEmployment };

/** The admin edits the member list as a whole and saves it in one change (the server replaces it, audited). */
function MembersEditor(props: { grid: TGridDetail; people: TCandidate[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<TMemberDraft[]>([]);
  useEffect(() => {
    setDraft(props.grid.members.map(({ userId, role, employment }) => ({ key: userId, userId, role, employment })));
  }, [props.grid]);
  const set = (i: number, v: Partial<TMemberDraft>) => setDraft((d) => d.map((m, j) => (j === i ? { ...m, ...v } : m)));
  const save = async () => {
    try {
      await api.put(`/api/grids/${props.grid.id}/members`, {
        members: draft.filter((m) => m.userId).map(({ key: _, ...m }) => m),
      });
      message.success(t('admin.saved'));
      props.onSaved();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {draft.map((m, i) => (
        <Space key={m.key} wrap>
          <Select
            style={{ width: 200 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={m.userId || undefined}
            placeholder={t('grids.person')}
            onChange={(userId) => set(i, { userId })}
            options={props.people.map((p) => ({ value: p.id, label: p.displayName }))}
          />
          <Select
            style={{ width: 110 }}
            value={m.role}
            onChange={(role) => set(i, { role })}
            options={GRID_MEMBER_ROLES.map((r) => ({ value: r, label: label(GRID_MEMBER_ROLE_LABELS, r) }))}
          />
          <Select
            style={{ width: 100 }}
            value={m.employment}
            onChange={(employment) => set(i, { employment })}
            options={GRID_EMPLOYMENTS.map((e) => ({ value: e, label: label(GRID_EMPLOYMENT_LABELS, e) }))}
          />
          <Button danger type="link" onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>
            {t('grids.removeMember')}
          </Button>
        </Space>
      ))}
      <Space>
        <Button
          onClick={() =>
            setDraft((d) => [
              ...d,
              { key: crypto.randomUUID(), userId: '', role: 'grid_worker', employment: 'full_time' },
            ])
          }
        >
          {t('grids.addMember')}
        </Button>
        <Button type="primary" onClick={save}>
          {t('grids.saveMembers')}
        </Button>
      </Space>
    </Space>
  );
}

/** Moves a business to another grid and names its 包保 official, in one audited change. */
function AssignDialog(props: {
  business: TGridBusiness | null;
  gridId: string;
  people: TCandidate[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [gridId, setGridId] = useState<string | null>(props.gridId);
  const [guarantor, setGuarantor] = useState<string | null>(null);
  const grids = useQuery({
    queryKey: ['grids', 'options'],
    queryFn: () => api.get<{ items: TGridRow[] }>('/api/grids?pageSize=200').then((r) => r.items),
    enabled: !!props.business,
  });
  useEffect(() => {
    setGridId(props.gridId);
    setGuarantor(props.business?.guarantorUserId ?? null);
  }, [props.business, props.gridId]);
  const save = async () => {
    try {
      await api.put(`/api/grid-assignments/${props.business!.id}`, { gridId, guarantorUserId: guarantor });
      message.success(t('admin.saved'));
      props.onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Modal open={!!props.business} title={props.business?.name} onOk={save} onCancel={props.onDone} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('grids.grid')}</Typography.Text>
        <Select
          style={{ width: '100%' }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={gridId ?? undefined}
          onChange={(v) => setGridId(v ?? null)}
          options={(grids.data ?? []).map((g) => ({ value: g.id, label: `${g.code} ${nameIn(g.name, g.nameEn)}` }))}
        />
        <Typography.Text>{t('grids.guarantor')}</Typography.Text>
        <Select
          style={{ width: '100%' }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={guarantor ?? undefined}
          onChange={(v) => setGuarantor(v ?? null)}
          options={props.people.map((p) => ({ value: p.id, label: p.displayName }))}
        />
      </Space>
    </Modal>
  );
}

/** One grid: its people, its businesses with their 包保 official, and where they are. */
export function GridDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['grid', id], queryFn: () => api.get<TGridDetail>(`/api/grids/${id}`) });
  const editable = !!q.data?.can.edit;
  const people = useQuery({
    queryKey: ['grid-workers'],
    queryFn: () => api.get<TCandidate[]>('/api/grid-workers'),
    enabled: editable,
  });
  const [editing, setEditing] = useState<Partial<TGridRow> | null>(null);
  const [assigning, setAssigning] = useState<TGridBusiness | null>(null);
  if (q.isLoading) return <Spin />;
  if (!q.data) return <Empty description={q.error instanceof Error ? q.error.message : undefined} />;
  const g = q.data;
  const refresh = () => qc.invalidateQueries({ queryKey: ['grid', id] });
  const points = g.businesses
    .filter((b) => b.lng !== null && b.lat !== null)
    .map((b) => ({ id: b.id, name: nameIn(b.name, b.nameEn), lng: b.lng!, lat: b.lat!, kind: b.kind }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {nameIn(g.name, g.nameEn)}
            <Typography.Text type="secondary">{g.code}</Typography.Text>
            {g.leaderUserId && <Tag color="gold">{t('grids.leadersGrid')}</Tag>}
          </Space>
        }
        extra={
          editable && (
            <Button onClick={() => setEditing({ ...g, businessCount: 0, memberCount: 0, memberNames: null })}>
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('grids.region')}>{g.regionName ?? g.regionCode}</Descriptions.Item>
          {g.leaderName && <Descriptions.Item label={t('grids.leader')}>{g.leaderName}</Descriptions.Item>}
          <Descriptions.Item label={t('grids.businessCount')}>{g.businesses.length}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('grids.members')} size="small">
        {editable ? (
          <MembersEditor grid={g} people={people.data ?? []} onSaved={refresh} />
        ) : g.members.length ? (
          <Space wrap>
            {g.members.map((m) => (
              <Tag key={m.userId} color={m.role === 'grid_head' ? 'blue' : undefined}>
                {m.displayName} · {label(GRID_MEMBER_ROLE_LABELS, m.role)} ·{' '}
                {label(GRID_EMPLOYMENT_LABELS, m.employment)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="warning">{t('grids.noWorker')}</Typography.Text>
        )}
      </Card>
      <Card title={t('grids.businesses')} size="small">
        <ResponsiveTable<TGridBusiness>
          rowKey="id"
          dataSource={g.businesses}
          pagination={false}
          columns={[
            { title: t('grids.letters.business'), render: (_, b) => nameIn(b.name, b.nameEn) },
            {
              title: t('admin.kind'),
              render: (_, b) =>
                `${label(BUSINESS_KIND_LABELS, b.kind as TBusinessKind)}${b.aLevel && b.kind === 'scenic_spot' ? ` ${'A'.repeat(b.aLevel)}` : ''}`,
            },
            {
              title: t('grids.guarantor'),
              render: (_, b) =>
                b.guarantorName ?? <Typography.Text type="warning">{t('grids.noGuarantor')}</Typography.Text>,
            },
            ...(editable
              ? [
                  {
                    key: 'actions',
                    render: (_: unknown, b: TGridBusiness) => (
                      <Button size="small" onClick={() => setAssigning(b)}>
                        {t('grids.assign')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card title={t('grids.map')} size="small">
        {points.length ? <LazyGeoMap points={points} height={320} /> : <Empty description={t('grids.noMap')} />}
      </Card>
      <GridForm
        grid={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          refresh();
        }}
      />
      <AssignDialog
        business={assigning}
        gridId={g.id}
        people={people.data ?? []}
        onDone={() => {
          setAssigning(null);
          refresh();
        }}
      />
    </Space>
  );
}
