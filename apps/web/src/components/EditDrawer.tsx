import { Button, Drawer, Form, type FormInstance, message } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, showOnField } from '../lib/form-errors';

/**
 * The master-data list pages' edit drawer (businesses, practitioners, grids, stations, routes): one vertical form
 * titled 新建 or 编辑, a save button, and the API's refusal on the field it names (or as a message when it names
 * none). `onSave` makes the call; on success the drawer says so and `onSaved` closes it and refreshes the list.
 */
export function EditDrawer<V extends object, R = unknown>(props: {
  open: boolean;
  /** editing an existing row (title 编辑) rather than creating one (新建) */
  existing: boolean;
  /** the row's name, after 编辑 in the title */
  name?: string;
  form: FormInstance<V>;
  onClose: () => void;
  onSave: (values: V) => Promise<R>;
  onSaved: (saved: R) => void;
  initialValues?: Partial<V>;
  /** drop the form when closed (a form whose initial values come from the row) */
  destroyOnHidden?: boolean;
  width?: number;
  saveTestId?: string;
  children: ReactNode;
  /** below the form, outside it (a route's stop list: its own inputs must not submit the form) */
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const finish = async (values: V) => {
    try {
      const saved = await props.onSave(values);
      message.success(t('admin.saved'));
      props.onSaved(saved);
    } catch (e) {
      if (!showOnField(props.form, e)) message.error(errorText(e));
    }
  };
  return (
    <Drawer
      open={props.open}
      title={props.existing ? [t('common.edit'), props.name].filter(Boolean).join(' · ') : t('common.create')}
      size={props.width ?? 480}
      onClose={props.onClose}
      destroyOnHidden={props.destroyOnHidden}
      extra={
        <Button type="primary" onClick={() => props.form.submit()} data-testid={props.saveTestId}>
          {t('common.save')}
        </Button>
      }
    >
      <Form form={props.form} layout="vertical" onFinish={finish} initialValues={props.initialValues}>
        {props.children}
      </Form>
      {props.after}
    </Drawer>
  );
}
