import { CheckOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { setElderMode, useElderMode } from '../lib/elder';

/**
 * 长者模式 on or off: one toggle button (aria-pressed) whose visible text is its name in the page's language. On,
 * it is filled and carries a tick, so its state does not rest on colour alone.
 */
export function ElderSwitch() {
  const { t } = useTranslation();
  const on = useElderMode();
  return (
    <button
      type="button"
      className={`zlp-elder-switch${on ? ' zlp-elder-switch-on' : ''}`}
      aria-pressed={on}
      onClick={() => setElderMode(!on)}
      data-testid="elder-switch"
    >
      {on && <CheckOutline aria-hidden="true" />}
      {t('portal.elder.switch')}
    </button>
  );
}
