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

type TFinding = { id: number; at: string; action: string; problem: 'content_changed' | 'link_missing' };
type TChainPage = { checked: number; findings: TFinding[]; stopped: boolean; nextAfterId: number | null };
type TChainState =
  | { phase: 'idle' }
  | { phase: 'running' | 'done'; checked: number; findings: TFinding[]; stopped: boolean }
  | { phase: 'failed'; message: string };

/**
 * The hash-chain check: asks the server page after page (each a bounded piece of work) and shows what it found
 * — rows changed, rows following a removed one — as it goes.
 */
function useChainCheck() {
  const [state, setState] = useState<TChainState>({ phase: 'idle' });
  const run = async () => {
    let afterId = 0;
    let checked = 0;
    const findings: TFinding[] = [];
    setState({ phase: 'running', checked, findings, stopped: false });
    try {
      for (;;) {
        const page = await api.get<TChainPage>(`/api/audit-logs/chain?afterId=${afterId}`);
        checked += page.checked;
        findings.push(...page.findings);
        const stopped = page.stopped || findings.length >= 100;
        const next = stopped ? null : page.nextAfterId;
        setState({ phase: next === null ? 'done' : 'running', checked, findings: [...findings], stopped });
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
  if (!state.findings.length)
    return (
      <Alert
        type="success"
        showIcon
        message={t('admin.chainIntact', { n: state.checked })}
        description={t('admin.chainNewest')}
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
          <Table<TFinding>
            size="small"
            rowKey="id"
            // the problem first; on a phone it scrolls sideways rather than break its words a character a line
            scroll={{ x: 'max-content' }}
            pagination={state.findings.length > 10 ? { pageSize: 10 } : false}
            dataSource={state.findings}
            columns={[
              { title: t('admin.problem'), dataIndex: 'problem', render: (p: TFinding['problem']) => t(`admin.${p}`) },
              { title: 'ID', dataIndex: 'id' },
              { title: t('admin.at'), dataIndex: 'at', render: fmtTime },
              { title: t('admin.action'), dataIndex: 'action' },
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
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
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
        extra={
          <Button onClick={chain.run} loading={chain.state.phase === 'running'}>
            {t('admin.verifyChain')}
          </Button>
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
