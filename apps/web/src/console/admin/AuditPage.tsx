import {
  AUDIT_CHAIN_HEAD,
  type TAuditChainCheck,
  type TAuditChainFinding,
  type TAuditChainHead,
} from '@zhilv/contracts';
import { Alert, Button, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchTable } from '../../components/SearchTable';
import { api } from '../../lib/api';
import { fmtTime } from '../../lib/format';

type TAudit = {
  id: number;
  at: string;
  actorRole: string | null;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  result: string;
  ip: string | null;
  after: unknown;
};

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
      <SearchTable<TAudit>
        queryKey="audit"
        url="/api/audit-logs"
        fields={
          <>
            <Form.Item name="action">
              <Input placeholder={t('admin.action')} allowClear />
            </Form.Item>
            <Form.Item name="objectType">
              <Input placeholder={t('admin.objectType')} allowClear />
            </Form.Item>
            <Form.Item name="objectId">
              <Input placeholder={t('admin.objectId')} allowClear />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('admin.at'), dataIndex: 'at', render: fmtTime },
          { title: t('admin.actor'), dataIndex: 'actorRole' },
          { title: t('admin.action'), dataIndex: 'action' },
          { title: t('admin.objectType'), dataIndex: 'objectType' },
          {
            title: t('admin.objectId'),
            dataIndex: 'objectId',
            render: (v) => (
              <Typography.Text copyable={!!v} style={{ fontSize: 12 }}>
                {v ?? '—'}
              </Typography.Text>
            ),
          },
          { title: t('admin.result'), dataIndex: 'result' },
          { title: t('admin.ip'), dataIndex: 'ip' },
        ]}
      />
    </Space>
  );
}
