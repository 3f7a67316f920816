import { useQueryClient } from '@tanstack/react-query';
import { Dialog, List, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { showError } from '../lib/errors';

/**
 * The tourist's rights over their data on "我的": their ratings, a copy of everything (JSON or Excel, straight
 * from the server as a download) and deleting the account, after a dialog that says what goes and what stays.
 */
export function MyDataCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    const ok = await Dialog.confirm({
      title: t('portal.fixes.me.deleteTitle'),
      content: <div style={{ lineHeight: 1.6 }}>{t('portal.fixes.me.deleteBody')}</div>,
      confirmText: <span style={{ color: 'var(--adm-color-danger)' }}>{t('portal.fixes.me.deleteConfirm')}</span>,
      cancelText: t('portal.common.cancel'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      await api.del('/api/me');
      qc.setQueryData(['me'], null);
      qc.removeQueries({ queryKey: ['portal'] });
      Toast.show({ content: t('portal.fixes.me.deleted'), icon: 'success' });
      navigate('/');
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <List mode="card" style={{ margin: 0 }} header={t('portal.fixes.me.header')}>
      <List.Item onClick={() => navigate('/ratings')} data-testid="me-ratings">
        {t('portal.rate.mine')}
      </List.Item>
      <List.Item
        description={t('portal.fixes.me.exportNote')}
        extra={
          <span className="zlp-row" style={{ gap: 12 }}>
            <a href="/api/me/data?format=xlsx" download data-testid="export-xlsx">
              Excel
            </a>
            <a href="/api/me/data?format=json" download data-testid="export-json">
              JSON
            </a>
          </span>
        }
      >
        {t('portal.fixes.me.export')}
      </List.Item>
      <List.Item
        onClick={busy ? undefined : remove}
        description={t('portal.fixes.me.deleteNote')}
        data-testid="delete-account"
      >
        <span style={{ color: 'var(--adm-color-danger)' }}>{t('portal.fixes.me.delete')}</span>
      </List.Item>
    </List>
  );
}
