import { FilterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Grid, Space, type TableColumnsType } from 'antd';
import { Children, cloneElement, Fragment, isValidElement, type ReactElement, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, currentLang, qs } from '../lib/api';
import { ResponsiveTable } from './ResponsiveTable';

type TPage<T> = { items: T[]; total: number; page: number; pageSize: number };

/**
 * The one list-page component of the console: a query form, a table with pagination and "共 N 条", row
 * actions from the columns, and an Excel export of exactly the current filter.
 */
export function SearchTable<T extends { id?: string | number }>(props: {
  queryKey: string;
  url: string;
  columns: TableColumnsType<T>;
  fields?: ReactNode;
  exportUrl?: string;
  extra?: ReactNode;
  rowClassName?: (r: T) => string;
  refetchInterval?: number;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [filter, setFilter] = useState<Record<string, unknown>>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  // On a phone the filters but the first fold behind one button: six fields stacked pushed the first card off screen.
  const screens = Grid.useBreakpoint();
  const phone = Object.keys(screens).length > 0 && !screens.md;
  const [filtersOpen, setFiltersOpen] = useState(false);
  // the fields one by one (a page passes them as a fragment): a phone shows the first, the rest on demand
  const fieldList = Children.toArray(
    isValidElement<{ children?: ReactNode }>(props.fields) && props.fields.type === Fragment
      ? props.fields.props.children
      : props.fields,
  ).map(namedByPlaceholder);
  const hidden = Object.keys(filter).filter((k) => k !== 'q').length;
  const query = useQuery({
    queryKey: [props.queryKey, filter, page],
    queryFn: () => api.get<TPage<T>>(`${props.url}${qs({ ...filter, ...page })}`),
    refetchInterval: props.refetchInterval,
  });
  const apply = (values: Record<string, unknown>) => {
    setFilter(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '' && v !== null)));
    setPage((p) => ({ ...p, page: 1 }));
  };
  return (
    <Card styles={{ body: { padding: phone ? 12 : 24 } }}>
      {props.fields && (
        <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 8 }}>
          {phone && !filtersOpen ? fieldList.slice(0, 1) : fieldList}
          <Form.Item>
            <Space wrap>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  apply({});
                }}
              >
                {t('common.reset')}
              </Button>
              {props.exportUrl && (
                <Button href={`${props.exportUrl}${qs({ ...filter, lang: currentLang() })}`}>
                  {t('common.export')}
                </Button>
              )}
              {phone && fieldList.length > 1 && (
                <Button
                  icon={<FilterOutlined />}
                  onClick={() => setFiltersOpen((v) => !v)}
                  aria-expanded={filtersOpen}
                  aria-label={t('field.moreFilters')}
                  title={t('field.moreFilters')}
                  data-testid="filters-toggle"
                >
                  {hidden ? `+${hidden}` : ''}
                </Button>
              )}
              {props.extra}
            </Space>
          </Form.Item>
        </Form>
      )}
      <ResponsiveTable<T>
        rowKey={(r) => String(r.id)}
        loading={query.isLoading}
        columns={props.columns}
        dataSource={query.data?.items ?? []}
        rowClassName={props.rowClassName}
        scroll={{ x: 'max-content' }}
        size="middle"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </Card>
  );
}

type TControlProps = { placeholder?: ReactNode; 'aria-label'?: string };

/**
 * A filter field has no visible label (the placeholder says what it is), so its control is named by that text
 * for screen readers (WCAG 1.3.1 / 4.1.2): the Form.Item's one child gets aria-label from its placeholder.
 */
function namedByPlaceholder(node: ReactNode): ReactNode {
  if (!isValidElement<{ children?: ReactNode }>(node)) return node;
  const child = node.props.children;
  if (!isValidElement<TControlProps>(child)) return node;
  const { placeholder } = child.props;
  if (child.props['aria-label'] || typeof placeholder !== 'string') return node;
  return cloneElement(node as ReactElement<{ children?: ReactNode }>, {
    children: cloneElement(child, { 'aria-label': placeholder }),
  });
}
