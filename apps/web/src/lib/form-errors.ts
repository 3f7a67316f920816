import type { FormInstance } from 'antd';
import { ApiError } from './api';

type TNamePath = (string | number)[];

/**
 * Shows an API error on the form field it names (`field` is a dotted path: "thresholds.stopSalesPct",
 * "slots.2.start"), in the server's words and the request's language. `map` renames or drops a field; answers
 * the field it was shown on, or null (then the caller shows the message elsewhere).
 */
export function showOnField(
  form: FormInstance,
  e: unknown,
  map: (path: TNamePath) => TNamePath | null = (p) => p,
  /** what to say for a field the server found "not valid" (its generic words), by the form's field name */
  invalid: Record<string, string> = {},
): TNamePath | null {
  if (!(e instanceof ApiError) || !e.field) return null;
  const path = map(e.field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)));
  if (!path) return null;
  // Only a field the form has: an error on a name it does not render would be shown nowhere.
  const known = form.getFieldsError().some((f) => f.name.join('.') === path.join('.'));
  if (!known) return null;
  const own = e.code === 'validation_failed' ? invalid[path.join('.')] : undefined;
  form.setFields([{ name: path, errors: [own ?? e.message] }]);
  form.scrollToField(path, { block: 'center' });
  return path;
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
