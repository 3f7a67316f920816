import { useQuery, useQueryClient } from '@tanstack/react-query';
import { LETTER_TOPIC_LABELS, type TResponsibilityLetter } from '@zhilv/contracts';
import {
  Alert,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  message,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BusinessSelect } from '../../components/BusinessSelect';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { ApiError, api, qs } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { fmtTime, label, nameIn } from '../../lib/format';
import type { TCandidate } from './api';

type TStatus = 'unsigned' | 'expiring' | 'signed' | 'expired' | 'all';
type TTemplate = {
  id: string;
  code: string;
  title: string;
  titleEn: string | null;
  periodMonths: number;
  active: boolean;
};

/** One letter: its exact text, and what the reader may do — the business signs, an official brings in the paper. */
function LetterDrawer(props: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['letter', props.id],
    queryFn: () => api.get<TResponsibilityLetter>(`/api/responsibility-letters/${props.id}`),
    enabled: !!props.id,
  });
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  // one key per opened letter: a double tap or a retry on a weak network is one signature
  const [key] = useState(() => crypto.randomUUID());
  const l = q.data;
  const done = () => {
    q.refetch();
    props.onChanged();
  };
  const sign = async () => {
    if (!l) return;
    setBusy(true);
    try {
      await api.post(
        `/api/responsibility-letters/${l.id}/sign`,
        { signedName: name.trim(), textSha256: l.textSha256 },
        { idempotencyKey: `${key}-${l.id}` },
      );
      message.success(t('grids.letters.signedOk'));
      done();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const scan = async (file: File) => {
    if (!l) return;
    setBusy(true);
    try {
      const f = await api.upload<{ id: string }>('/api/files', file, file.name);
      await api.post(`/api/responsibility-letters/${l.id}/scan`, { fileId: f.id, signedName: name.trim() });
      message.success(t('grids.letters.signedOk'));
      done();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open={!!props.id} onClose={props.onClose} size="large" title={l ? nameIn(l.title, l.titleEn) : ''}>
      {l && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={l.status === 'signed' ? 'green' : 'orange'}>
              {l.status === 'signed' ? t('grids.letters.signed') : t('grids.letters.issued')}
            </Tag>
            <Typography.Text>{nameIn(l.businessName, l.businessNameEn)}</Typography.Text>
            <Typography.Text type="secondary">
              {l.periodStart} ~ {l.periodEnd}
            </Typography.Text>
          </Space>
          <Typography.Paragraph
            data-testid="letter-text"
            style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12, border: '1px solid #eee' }}
          >
            {l.text}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ wordBreak: 'break-all', fontSize: 12 }}>
            {t('grids.letters.hash')}: {l.textSha256}
          </Typography.Text>
          {l.status === 'signed' && (
            <Typography.Text>
              {t('grids.letters.signedBy')}: {l.signedName} · {fmtTime(l.signedAt)} ·{' '}
              {l.signedVia === 'scan' ? t('grids.letters.scan') : t('grids.letters.online')}
            </Typography.Text>
          )}
          <a href={`/api/responsibility-letters/${l.id}/pdf`} target="_blank" rel="noreferrer">
            {t('grids.letters.pdf')}
          </a>
          {(l.can.sign || l.can.uploadScan) && (
            <>
              <Typography.Title level={5}>
                {l.can.sign ? t('grids.letters.signTitle') : t('grids.letters.uploadScan')}
              </Typography.Title>
              <Alert
                type="info"
                showIcon
                message={l.can.sign ? t('grids.letters.signHint') : t('grids.letters.scanHint')}
              />
              <Input
                placeholder={t('grids.letters.signedName')}
                value={name}
                maxLength={50}
                onChange={(e) => setName(e.target.value)}
                data-testid="signed-name"
              />
              {l.can.sign ? (
                <Button type="primary" block loading={busy} disabled={name.trim().length < 2} onClick={sign}>
                  {t('grids.letters.sign')}
                </Button>
              ) : (
                <Upload
                  accept="image/*"
                  showUploadList={false}
                  disabled={name.trim().length < 2}
                  beforeUpload={(f) => {
                    scan(f);
                    return false;
                  }}
                >
                  <Button loading={busy} disabled={name.trim().length < 2}>
                    {t('grids.letters.chooseFile')}
                  </Button>
                </Upload>
              )}
            </>
          )}
        </Space>
      )}
    </Drawer>
  );
}

function IssueDrawer(props: { open: boolean; onClose: () => void; onIssued: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const templates = useQuery({
    queryKey: ['letter-templates'],
    queryFn: () => api.get<TTemplate[]>('/api/letter-templates'),
    enabled: props.open,
  });
  const people = useQuery({
    queryKey: ['grid-workers'],
    queryFn: () => api.get<TCandidate[]>('/api/grid-workers'),
    enabled: props.open,
  });
  const submit = async (v: {
    templateId: string;
    businessId: string;
    partyAUserId: string;
    period: [dayjs.Dayjs, dayjs.Dayjs];
  }) => {
    try {
      await api.post('/api/responsibility-letters', {
        templateId: v.templateId,
        businessId: v.businessId,
        partyAUserId: v.partyAUserId,
        periodStart: v.period[0].format('YYYY-MM-DD'),
        periodEnd: v.period[1].format('YYYY-MM-DD'),
      });
      message.success(t('grids.letters.issuedOk'));
      form.resetFields();
      props.onIssued();
    } catch (e) {
      if (e instanceof ApiError && e.field) form.setFields([{ name: e.field, errors: [e.message] }]);
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      title={t('grids.letters.issue')}
      size={480}
      extra={
        <Button type="primary" onClick={() => form.submit()} data-testid="issue-submit">
          {t('grids.letters.issue')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="templateId" label={t('grids.letters.template')} rules={[{ required: true }]}>
          <Select
            data-testid="issue-template"
            onChange={(id) => {
              const tpl = templates.data?.find((x) => x.id === id);
              if (tpl)
                form.setFieldValue('period', [dayjs(), dayjs().add(tpl.periodMonths, 'month').subtract(1, 'day')]);
            }}
            options={(templates.data ?? [])
              .filter((x) => x.active)
              .map((x) => ({ value: x.id, label: nameIn(x.title, x.titleEn) }))}
          />
        </Form.Item>
        <Form.Item name="businessId" label={t('grids.letters.business')} rules={[{ required: true }]}>
          <BusinessSelect id="issue-business" />
        </Form.Item>
        <Form.Item name="partyAUserId" label={t('grids.letters.partyAUser')} rules={[{ required: true }]}>
          <Select
            data-testid="issue-party-a"
            showSearch={{ optionFilterProp: 'label' }}
            options={(people.data ?? [])
              .filter((p) => p.role !== 'grid_worker')
              .map((p) => ({ value: p.id, label: p.displayName }))}
          />
        </Form.Item>
        <Form.Item name="period" label={t('grids.letters.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/**
 * Responsibility letters (责任状): the admin issues them and follows the unsigned and the expiring; a grid worker
 * sees their grids' letters and brings in signed papers; a business reads and signs its own.
 */
export function LettersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const business = me.data?.role === 'business';
  const [status, setStatus] = useState<TStatus>(business ? 'all' : 'unsigned');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [issuing, setIssuing] = useState(false);
  const q = useQuery({
    queryKey: ['letters', status, page],
    queryFn: () =>
      api.get<{ items: TResponsibilityLetter[]; total: number }>(
        `/api/responsibility-letters${qs({ status: status === 'all' ? undefined : status, page, pageSize: 20 })}`,
      ),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['letters'] });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('grids.lettersTitle')}
        </Typography.Title>
        {me.data?.role === 'system_admin' && (
          <Button type="primary" onClick={() => setIssuing(true)}>
            {t('grids.letters.issue')}
          </Button>
        )}
      </Space>
      <Segmented<TStatus>
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={(['unsigned', 'expiring', 'signed', 'expired', 'all'] as const).map((s) => ({
          value: s,
          label: t(`grids.letters.${s}`),
        }))}
        style={{ maxWidth: '100%', overflowX: 'auto' }}
      />
      <ResponsiveTable<TResponsibilityLetter>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('grids.letters.none') }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('grids.letters.title'),
            render: (_, l) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(l.id)}>
                {nameIn(l.title, l.titleEn)}
              </Button>
            ),
          },
          { title: t('grids.letters.business'), render: (_, l) => nameIn(l.businessName, l.businessNameEn) },
          { title: t('grids.letters.template'), render: (_, l) => label(LETTER_TOPIC_LABELS, l.topic) },
          { title: t('grids.letters.period'), render: (_, l) => `${l.periodStart} ~ ${l.periodEnd}` },
          {
            title: t('grids.letters.status'),
            render: (_, l) =>
              l.status === 'signed' ? (
                <Tag color="green">{t('grids.letters.signed')}</Tag>
              ) : (
                <Tag color="orange">{t('grids.letters.issued')}</Tag>
              ),
          },
          {
            key: 'actions',
            render: (_, l) => (
              <Button size="small" type={l.can.sign ? 'primary' : 'default'} onClick={() => setOpen(l.id)}>
                {l.can.sign ? t('grids.letters.sign') : t('grids.letters.open')}
              </Button>
            ),
          },
        ]}
      />
      <LetterDrawer id={open} onClose={() => setOpen(null)} onChanged={refresh} />
      <IssueDrawer
        open={issuing}
        onClose={() => setIssuing(false)}
        onIssued={() => {
          setIssuing(false);
          refresh();
        }}
      />
    </Space>
  );
}
