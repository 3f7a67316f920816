import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Input, message, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../lib/api';
import { isEn } from '../../../lib/format';

type TDay = { date: string; kind: 'holiday' | 'workday'; name: string; nameEn: string; source: 'official' | 'admin' };
type THolidays = { items: TDay[]; officialYears: { from: number; to: number } };

/**
 * The holiday calendar behind working-day deadlines: the State Council's days (loaded from the chinese-days
 * package, read-only here) and the prefecture's own entries on top, which win on their dates. Saving sends the
 * own entries only; an official day comes back when the entry that covered it is removed.
 */
export function HolidayCalendar() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['holidays'], queryFn: () => api.get<THolidays>('/api/admin/holidays') });
  const [year, setYear] = useState(dayjs().year());
  // the admin's entries being edited, by date
  const [own, setOwn] = useState<TDay[]>([]);
  useEffect(() => setOwn((q.data?.items ?? []).filter((d) => d.source === 'admin')), [q.data]);
  const official = useMemo(() => (q.data?.items ?? []).filter((d) => d.source === 'official'), [q.data]);
  const years = useMemo(() => {
    const ys = new Set([...(q.data?.items ?? []).map((d) => Number(d.date.slice(0, 4))), dayjs().year()]);
    return [...ys].sort((a, b) => b - a);
  }, [q.data]);
  const rows = useMemo(() => {
    const byDate = new Map<string, TDay>();
    for (const d of official) byDate.set(d.date, d);
    for (const d of own) byDate.set(d.date, d);
    return [...byDate.values()]
      .filter((d) => d.date.startsWith(String(year)))
      .sort((a, b) => a.date.localeCompare(b.date));
  }, [official, own, year]);
  const setDay = (date: string, p: Partial<TDay>) =>
    setOwn((x) => {
      const base = x.find((d) => d.date === date) ?? official.find((d) => d.date === date);
      const next = { date, kind: 'holiday' as const, name: '', nameEn: '', ...base, ...p, source: 'admin' as const };
      return [...x.filter((d) => d.date !== date), next];
    });
  const save = async () => {
    try {
      await api.put('/api/admin/holidays', {
        items: own.map(({ date, kind, name, nameEn }) => ({ date, kind, name, nameEn })),
      });
      message.success(t('admin.saved'));
      qc.invalidateQueries({ queryKey: ['holidays'] });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const span = q.data?.officialYears;
  return (
    <Card
      title={t('menu.holidays')}
      extra={
        <Button type="primary" onClick={save} data-testid="holidays-save">
          {t('common.save')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {span && (
          <Typography.Text type="secondary">
            {t('desk.holidays.source', { from: span.from, to: span.to })}
          </Typography.Text>
        )}
        <Space wrap>
          <Select
            value={year}
            onChange={setYear}
            style={{ width: 110 }}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            aria-label={t('desk.holidays.year')}
          />
          <DatePicker
            placeholder={t('desk.holidays.add')}
            onChange={(d) => {
              if (!d) return;
              setYear(d.year());
              setDay(d.format('YYYY-MM-DD'), {});
            }}
          />
        </Space>
        <Table<TDay>
          rowKey="date"
          dataSource={rows}
          loading={q.isLoading}
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 15, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            { title: t('admin.date'), dataIndex: 'date', render: (d) => `${d} ${dayjs(d).format('ddd')}` },
            {
              title: t('admin.holidayKind'),
              render: (_, h) =>
                h.source === 'admin' ? (
                  <Select
                    value={h.kind}
                    style={{ width: 130 }}
                    onChange={(kind) => setDay(h.date, { kind })}
                    options={[
                      { value: 'holiday', label: t('admin.holiday') },
                      { value: 'workday', label: t('admin.workday') },
                    ]}
                  />
                ) : (
                  <Tag color={h.kind === 'holiday' ? 'red' : 'blue'}>
                    {h.kind === 'holiday' ? t('admin.holiday') : t('admin.workday')}
                  </Tag>
                ),
            },
            {
              title: t('admin.name'),
              render: (_, h) =>
                h.source === 'admin' ? (
                  <Input
                    value={isEn() ? h.nameEn : h.name}
                    maxLength={50}
                    style={{ width: 160 }}
                    onChange={(e) => setDay(h.date, isEn() ? { nameEn: e.target.value } : { name: e.target.value })}
                  />
                ) : (
                  (isEn() ? h.nameEn : h.name) || '—'
                ),
            },
            {
              title: t('desk.holidays.sourceCol'),
              render: (_, h) =>
                h.source === 'admin' ? (
                  <Tag color="gold">{t('desk.holidays.own')}</Tag>
                ) : (
                  <Tag>{t('desk.holidays.official')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              render: (_, h) =>
                h.source === 'admin' ? (
                  <Button type="link" danger onClick={() => setOwn((x) => x.filter((y) => y.date !== h.date))}>
                    {official.some((o) => o.date === h.date) ? t('desk.holidays.revert') : t('desk.holidays.remove')}
                  </Button>
                ) : (
                  <Button type="link" onClick={() => setDay(h.date, {})}>
                    {t('desk.holidays.override')}
                  </Button>
                ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
