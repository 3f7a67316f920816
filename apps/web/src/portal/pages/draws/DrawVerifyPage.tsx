import { useQuery } from '@tanstack/react-query';
import {
  DRAW_GRADE_LABELS,
  hashInspectorPool,
  hashPlan,
  hashTargetPool,
  type TPublishedDraw,
  verifyDraw,
} from '@zhilv/contracts';
import { DotLoading, ErrorBlock, List, Result, Tag } from 'antd-mobile';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../../lib/api';
import { PageNav } from '../../components/PageNav';
import { errorMessage } from '../../lib/errors';
import { fmtTime } from '../../lib/format';
import { useLabels } from '../../lib/labels';

/** Re-runs a published draw IN THE BROWSER with the server's own code (packages/contracts draw.ts) and compares. */
function check(rec: TPublishedDraw) {
  const targets = rec.targetPool.map(([id, grade, conflicts]) => ({ id, grade, conflicts }));
  const inspectors = rec.inspectorPool.map(([id, departmentId]) => ({ id, departmentId }));
  const started = performance.now();
  const v = verifyDraw({ plan: rec.plan, targets, inspectors, publicValue: rec.publicValue }, rec);
  const problems = v.ok ? [] : [...v.problems];
  if (hashPlan(rec.plan) !== rec.planHash) problems.push('planHash');
  if (hashTargetPool(targets) !== rec.targetPoolHash) problems.push('targetPoolHash');
  if (hashInspectorPool(inspectors) !== rec.inspectorPoolHash) problems.push('inspectorPoolHash');
  return {
    ok: problems.length === 0,
    problems: [...new Set(problems)],
    result: v.result,
    ms: performance.now() - started,
  };
}

export function DrawVerifyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { label } = useLabels();
  const q = useQuery({
    queryKey: ['portal', 'draw', id],
    queryFn: () => api.get<TPublishedDraw>(`/api/public/draws/${id}`),
  });
  const rec = q.data;
  const verdict = useMemo(() => (rec ? check(rec) : null), [rec]);
  const name = (tid: string) => rec?.targets[tid]?.name ?? tid.slice(0, 8);
  const who = (iid: string) => {
    const i = rec?.inspectors[iid];
    return i ? `${i.name}（${i.certificateNo}）` : iid.slice(0, 8);
  };

  return (
    <>
      <PageNav title={t('portal.draws.verifyTitle')} back="/draws" />
      {q.isLoading ? (
        <div style={{ textAlign: 'center', padding: 32 }}>
          <DotLoading color="primary" />
        </div>
      ) : q.isError || !rec || !verdict ? (
        <ErrorBlock status="default" title={errorMessage(q.error)} description="" />
      ) : (
        <>
          <Result
            status={verdict.ok ? 'success' : 'error'}
            title={
              <span data-testid="verdict">{verdict.ok ? t('portal.draws.match') : t('portal.draws.mismatch')}</span>
            }
            description={
              verdict.ok
                ? t('portal.draws.matchNote', { n: verdict.result.assignments.length, ms: Math.round(verdict.ms) })
                : `${t('portal.draws.mismatchNote')} ${verdict.problems.join(', ')}`
            }
          />
          <List header={rec.name} mode="card" style={{ margin: '8px 12px' }}>
            <List.Item extra={rec.departments.join('、')}>{t('portal.draws.departments')}</List.Item>
            <List.Item extra={fmtTime(rec.drawnAt)}>{t('portal.draws.drawnAt')}</List.Item>
            <List.Item extra={rec.algorithm}>{t('portal.draws.algorithm')}</List.Item>
            <List.Item extra={<span data-testid="verify-public-value">{rec.publicValue}</span>}>
              {t('portal.draws.publicValue')}
            </List.Item>
            <List.Item extra={t('portal.draws.poolSizes', { t: rec.targetPool.length, i: rec.inspectorPool.length })}>
              {t('portal.draws.pools')}
            </List.Item>
            {(
              [
                ['planHash', rec.planHash],
                ['targetPoolHash', rec.targetPoolHash],
                ['inspectorPoolHash', rec.inspectorPoolHash],
                ['seed', rec.seed],
              ] as const
            ).map(([k, v]) => (
              <List.Item key={k} description={<code style={{ wordBreak: 'break-all', fontSize: 11 }}>{v}</code>}>
                {t(`portal.draws.${k}`)}
              </List.Item>
            ))}
          </List>
          <List
            header={t('portal.draws.pairs', { n: verdict.result.assignments.length })}
            mode="card"
            style={{ margin: '8px 12px' }}
          >
            {verdict.result.assignments.map((a, i) => {
              const published = rec.assignments[i];
              const same =
                published &&
                published.targetId === a.targetId &&
                published.inspectorIds.join() === a.inspectorIds.join();
              return (
                <List.Item
                  key={a.targetId}
                  data-testid="verify-pair"
                  description={a.inspectorIds.map(who).join('、')}
                  extra={
                    <Tag color={same ? 'success' : 'danger'} fill="outline">
                      {same ? '✓' : '✗'}
                    </Tag>
                  }
                >
                  {name(a.targetId)}{' '}
                  <span style={{ color: 'rgba(0, 0, 0, 0.62)', fontSize: 12 }}>
                    {label(DRAW_GRADE_LABELS, a.grade)}
                  </span>
                </List.Item>
              );
            })}
          </List>
        </>
      )}
    </>
  );
}
