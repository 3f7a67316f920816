import { useQueryClient } from '@tanstack/react-query';
import type { TBooking } from '@zhilv/contracts';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../lib/errors';
import { cancelBooking, slotTime } from './api';

/** 取消预约 after a confirm dialog; the place returns to the slot's quota on the server. */
export function CancelButton({ booking, block }: { booking: TBooking; block?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const cancel = async () => {
    const ok = await Dialog.confirm({
      title: t('portal.resv.cancelTitle'),
      content: t('portal.resv.cancelConfirm', { day: booking.day, time: slotTime(booking), n: booking.partySize }),
      confirmText: t('portal.resv.cancelYes'),
      cancelText: t('portal.resv.cancelNo'),
    });
    if (!ok) return;
    setBusy(true);
    try {
      const b = await cancelBooking(booking.id);
      qc.setQueryData(['portal', 'resv', 'booking', b.id], b);
      void qc.invalidateQueries({ queryKey: ['portal', 'resv'] });
      Toast.show({ icon: 'success', content: t('portal.resv.cancelled') });
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size={block ? 'large' : 'small'}
      block={block}
      color="danger"
      fill="outline"
      loading={busy}
      onClick={(e) => {
        e.stopPropagation();
        void cancel();
      }}
      data-testid="cancel-booking"
    >
      {t('portal.resv.cancel')}
    </Button>
  );
}
