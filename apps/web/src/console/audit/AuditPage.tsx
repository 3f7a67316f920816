import {
  AUDIT_ACTIONS,
  AUDIT_CHAIN_HEAD,
  AUDIT_OBJECT_TYPES,
  ROLE_LABELS,
  type TAuditChainCheck,
  type TAuditChainFinding,
  type TAuditChainHead,
  type TAuditRow,
  type TRole,
} from '@zhilv/contracts';
import { Alert, Button, Form, Grid, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchTable } from '../../components/SearchTable';
import { api } from '../../lib/api';
import { fmtTime, isEn, label } from '../../lib/format';

type TChainState =
  | { phase: 'idle' }
  | {
      phase: 'running' | 'done';
      checked: number;
      findings: TAuditChainFinding[];
      stopped: boolean;
      head: TAuditChainHead | null;
    }
  | { phase: 'failed'; message: string };

/**
 * The hash-chain check: asks the server page after page (each a bounded piece of work) and shows what it found
 * — rows changed, rows following a removed one, a saved head gone — as it goes. The saved head goes with the
 * first page.
 */
function useChainCheck() {
  const [state, setState] = useState<TChainState>({ phase: 'idle' });
  const run = async (savedHead: string) => {
    let afterId = 0;
    let checked = 0;
    const findings: TAuditChainFinding[] = [];
    setState({ phase: 'running', checked, findings, stopped: false, head: null });
    try {
      for (;;) {
        const head = afterId === 0 && savedHead ? `&head=${savedHead}` : '';
        const page = await api.get<TAuditChainCheck>(`/api/audit-logs/chain?afterId=${afterId}${head}`);
        checked += page.checked;
        findings.push(...page.findings);
        const stopped = page.stopped || findings.length >= 100;
        const next = stopped ? null : page.nextAfterId;
        setState({
          phase: next === null ? 'done' : 'running',
          checked,
          findings: [...findings],
          stopped,
          head: page.head,
        });
        if (next === null) return;
        afterId = next;
      }
    } catch (e) {
      setState({ phase: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return { state, run };
}

function ChainResult({ state }: { state: TChainState }) {
  const { t } = useTranslation();
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed')
    return <Alert type="error" showIcon message={t('admin.chainFailed', { m: state.message })} />;
  if (state.phase === 'running')
    return <Alert type="info" showIcon message={t('admin.chainChecking', { n: state.checked })} />;
  const head = state.head && (
    <Typography.Text>
      {t('admin.chainHead')}{' '}
      <Typography.Text code copyable data-testid="chain-head" style={{ wordBreak: 'break-all' }}>
        {`${state.head.id}:${state.head.hash}`}
      </Typography.Text>
    </Typography.Text>
  );
  if (!state.findings.length)
    return (
      <Alert
        type="success"
        showIcon
        message={t('admin.chainIntact', { n: state.checked })}
        description={
          <Space direction="vertical">
            {head}
            <Typography.Text type="secondary">{t('admin.chainNewest')}</Typography.Text>
          </Space>
        }
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      message={t('admin.chainBroken', { n: state.checked, k: state.findings.length })}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          {state.stopped && <Typography.Text strong>{t('admin.chainStopped')}</Typography.Text>}
          {head}
          <Table<TAuditChainFinding>
            size="small"
            rowKey="id"
            // the problem first; on a phone it scrolls sideways rather than break its words a character a line
            scroll={{ x: 'max-content' }}
            pagination={state.findings.length > 10 ? { pageSize: 10 } : false}
            dataSource={state.findings}
            columns={[
              {
                title: t('admin.problem'),
                dataIndex: 'problem',
                render: (p: TAuditChainFinding['problem']) => t(`admin.${p}`),
              },
              { title: 'ID', dataIndex: 'id' },
              { title: t('admin.at'), dataIndex: 'at', render: fmtTime },
              { title: t('admin.action'), dataIndex: 'action', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Space>
      }
    />
  );
}

/**
 * The audit log, read-only for the audit admin (the database itself refuses changes to it), with the check of
 * its hash chain, which shows changes made behind the database's back.
 */
export function AuditPage() {
  const { t } = useTranslation();
  const chain = useChainCheck();
  const [savedHead, setSavedHead] = useState('');
  const headOk = !savedHead || AUDIT_CHAIN_HEAD.test(savedHead);
  const screens = Grid.useBreakpoint();
  const desktopColumns = useDesktopColumns();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {/* its own line: beside the query buttons it ran off a phone's screen */}
      <Space.Compact style={{ width: '100%', maxWidth: 600 }}>
        <Input
          data-testid="saved-head"
          allowClear
          value={savedHead}
          status={headOk ? undefined : 'error'}
          onChange={(e) => setSavedHead(e.target.value.trim())}
          placeholder={t('admin.savedHead')}
        />
        <Button
          type="primary"
          ghost
          onClick={() => chain.run(savedHead)}
          disabled={!headOk}
          loading={chain.state.phase === 'running'}
        >
          {t('admin.verifyChain')}
        </Button>
      </Space.Compact>
      <ChainResult state={chain.state} />
      <SearchTable<TAuditRow>
        queryKey="audit"
        url="/api/audit-logs"
        fields={
          <>
            <Form.Item name="action">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('admin.action')}
                style={{ width: 220 }}
                data-testid="audit-action"
                options={Object.keys(AUDIT_ACTIONS).map((code) => ({
                  value: code,
                  label: `${label(AUDIT_ACTIONS, code as keyof typeof AUDIT_ACTIONS)} · ${code}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="objectType">
              <Select
                allowClear
                placeholder={t('admin.objectType')}
                style={{ width: 160 }}
                options={Object.keys(AUDIT_OBJECT_TYPES).map((code) => ({
                  value: code,
                  label: label(AUDIT_OBJECT_TYPES, code as keyof typeof AUDIT_OBJECT_TYPES),
                }))}
              />
            </Form.Item>
            <Form.Item name="objectId">
              <Input placeholder={t('desk.audit.objectIdHint')} allowClear style={{ width: 200 }} />
            </Form.Item>
          </>
        }
        columns={
          screens.md
            ? desktopColumns
            : [
                {
                  // a phone: one entry a row, the action first, then who, what and when
                  title: t('admin.action'),
                  render: (_, a) => (
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                        <Typography.Text strong data-testid="audit-action-name">
                          {pick(a.actionName) ?? a.action}
                        </Typography.Text>
                        <ResultTag result={a.result} />
                      </Space>
                      <AuditActor row={a} />
                      <Typography.Text data-testid="audit-object">{objectText(a)}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {fmtTime(a.at)} · {a.action}
                        {a.ip ? ` · ${a.ip}` : ''}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]
        }
      />
    </Space>
  );
}

function ResultTag({ result }: { result: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={result === 'ok' ? 'green' : result === 'refused' ? 'orange' : 'red'}>
      {t(`desk.audit.result.${result}`, result)}
    </Tag>
  );
}

const objectText = (a: TAuditRow) =>
  `${pick(a.objectTypeName) ?? a.objectType}${a.objectLabel ? ` · ${pick(a.objectLabel)}` : ''}`;

function useDesktopColumns(): TableColumnsType<TAuditRow> {
  const { t } = useTranslation();
  return [
    { title: t('admin.at'), dataIndex: 'at', render: fmtTime, width: 140 },
    {
      title: t('admin.actor'),
      render: (_, a) => <AuditActor row={a} />,
    },
    {
      title: t('admin.action'),
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text data-testid="audit-action-name">{pick(a.actionName) ?? a.action}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.action}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('admin.objectId'),
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text data-testid="audit-object">{objectText(a)}</Typography.Text>
          {a.objectId && a.objectId !== a.objectLabel?.zh && (
            <Typography.Text type="secondary" copyable={{ text: a.objectId }} style={{ fontSize: 12 }}>
              {a.objectId.slice(0, 8)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('admin.result'), dataIndex: 'result', render: (r: string) => <ResultTag result={r} /> },
    { title: t('admin.ip'), dataIndex: 'ip', render: (v) => v ?? '—' },
  ];
}

const pick = (n: { zh: string; en: string } | null) => (n ? (isEn() ? n.en : n.zh) : null);

/** The person behind an entry: display name and username, the role beside; the system when there is none. */
function AuditActor({ row }: { row: TAuditRow }) {
  const { t } = useTranslation();
  const role =
    row.actorRole && row.actorRole in ROLE_LABELS ? label(ROLE_LABELS, row.actorRole as TRole) : row.actorRole;
  if (!row.actor)
    return (
      <Typography.Text type="secondary">
        {row.actorRole === 'system' || !row.actorRole ? t('desk.audit.system') : role}
      </Typography.Text>
    );
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text strong data-testid="audit-actor">
        {row.actor.displayName}
        {row.actor.username ? ` (${row.actor.username})` : ''}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {role}
      </Typography.Text>
    </Space>
  );
}
