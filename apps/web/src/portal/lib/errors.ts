import { Toast } from 'antd-mobile';
import i18n from 'i18next';
import { ApiError } from '../../lib/api';

/** The server's own message (already in the request's language); a plain sentence when there was no answer. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429) return e.message || i18n.t('portal.common.tooMany');
    return e.message || i18n.t('portal.common.failed');
  }
  return i18n.t('portal.common.network');
}

export function showError(e: unknown) {
  Toast.show({ content: errorMessage(e), duration: 3000 });
}

/** True when the server answered with a definite refusal: nothing was stored, a new attempt may use a new key. */
export const isDefiniteRefusal = (e: unknown) =>
  e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 409;
