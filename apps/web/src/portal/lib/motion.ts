import { reduceMotion, restoreMotion } from 'antd-mobile';

/**
 * prefers-reduced-motion for antd-mobile's own animations (popups, dialogs, toasts, pull-to-refresh run on
 * react-spring, not CSS, so the stylesheet's media query cannot stop them): skipped while the system asks for less
 * motion, following a change without a reload.
 */
const query = window.matchMedia?.('(prefers-reduced-motion: reduce)');
const sync = () => (query?.matches ? reduceMotion() : restoreMotion());
sync();
query?.addEventListener?.('change', sync);
