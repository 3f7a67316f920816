import {
  Card,
  Checkbox,
  Empty,
  Grid,
  Pagination,
  Space,
  Spin,
  Table,
  type TableColumnType,
  type TableProps,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

type TCol<T> = TableColumnType<T> & { children?: TCol<T>[] };

/** A column's leaves: grouped headers flatten to the columns that hold values. */
const leaves = <T,>(cols: readonly TCol<T>[]): TCol<T>[] =>
  cols.flatMap((c) => (c.children?.length ? leaves(c.children) : [c]));

function fieldValue<T>(row: T, dataIndex: TCol<T>['dataIndex']): unknown {
  if (dataIndex === undefined || dataIndex === null) return undefined;
  const path = Array.isArray(dataIndex) ? dataIndex : [dataIndex];
  // biome-ignore lint/suspicious/noExplicitAny: a dataIndex walks any record shape, as antd's Table does
  return path.reduce<any>((v, k) => (v == null ? v : v[k as string]), row);
}

function cell<T>(c: TCol<T>, row: T, i: number): ReactNode {
  const v = fieldValue(row, c.dataIndex);
  if (c.render) return c.render(v, row, i) as ReactNode;
  return v === undefined || v === null || v === '' ? '—' : (v as ReactNode);
}

/** A column with no title (or the `actions` key) holds the row's buttons: the card's footer on a phone. */
const isActions = <T,>(c: TCol<T>) => c.key === 'actions' || (!c.title && !c.dataIndex);

/**
 * The console's list on every screen: antd's Table from the md breakpoint up, and on a phone (390 px) one card per
 * row — the first column as its heading, every other column as a label and its value, the row's actions at the
 * foot — from the same columns, so a page declares its list once. Pagination, loading and row classes carry over.
 */
export function ResponsiveTable<T extends object>(
  props: TableProps<T> & {
    /** the card's heading instead of the first column */
    cardTitle?: (row: T) => ReactNode;
    /** the card's body instead of a line per column, for lists read at a glance (a day's slots) */
    cardBody?: (row: T) => ReactNode;
  },
) {
  const screens = Grid.useBreakpoint();
  const { t } = useTranslation();
  const [localPage, setLocalPage] = useState(1);
  // Before the first measurement antd answers {}: treat that as desktop, the common case, to avoid a flash of cards.
  const phone = Object.keys(screens).length > 0 && !screens.md;
  if (!phone) return <Table<T> {...props} />;
  const { columns = [], dataSource = [], rowKey, loading, pagination, rowClassName, cardTitle } = props;
  const cols = leaves(columns as TCol<T>[]).filter((c) => !c.hidden);
  const [head, ...rest] = cols;
  const body = rest.filter((c) => !isActions(c));
  const actions = rest.filter(isActions);
  const keyOf = (r: T, i: number) =>
    typeof rowKey === 'function'
      ? String(rowKey(r, i))
      : String(fieldValue(r, (rowKey ?? 'id') as TCol<T>['dataIndex']) ?? i);
  const p = pagination === false ? null : (pagination ?? {});
  // A controlled pagination (the server's pages) is followed; otherwise the cards page the rows themselves, as Table does.
  const controlled = !!p && p.current !== undefined;
  const size = p?.pageSize ?? 10;
  const page = controlled ? (p?.current ?? 1) : localPage;
  const total = controlled ? (p?.total ?? dataSource.length) : dataSource.length;
  const rows = !p || controlled ? dataSource : dataSource.slice((page - 1) * size, page * size);
  // a row selection (print several) is a checkbox before the card's heading
  const sel = props.rowSelection;
  const selectable = (r: T, i: number, title: ReactNode) => {
    if (!sel) return title;
    const k = keyOf(r, i);
    const keys = (sel.selectedRowKeys ?? []).map(String);
    const toggle = (on: boolean) => {
      const next = on ? [...keys, k] : keys.filter((x) => x !== k);
      const picked = dataSource.filter((row, j) => next.includes(keyOf(row, j)));
      sel.onChange?.(next, picked, { type: 'multiple' });
    };
    return (
      <Space>
        <Checkbox
          checked={keys.includes(k)}
          onChange={(e) => toggle(e.target.checked)}
          aria-label={typeof title === 'string' ? title : t('common.select')}
        />
        {title}
      </Space>
    );
  };
  return (
    <Spin spinning={!!loading}>
      <div data-testid="card-list" style={{ display: 'grid', gap: 10 }}>
        {rows.length === 0 && !loading && (
          <Empty description={(props.locale?.emptyText as ReactNode) ?? t('common.none')} />
        )}
        {rows.map((r, i) => {
          const cls = typeof rowClassName === 'function' ? rowClassName(r, i, 0) : (rowClassName ?? '');
          return (
            <Card
              key={keyOf(r, i)}
              size="small"
              className={`zl-row-card ${cls}`}
              data-testid="row-card"
              // the row's own attributes (a test id, data-*) go on its card
              {...((props.onRow?.(r, i) ?? {}) as object)}
              title={selectable(r, i, cardTitle ? cardTitle(r) : head ? cell(head, r, i) : null)}
              actions={actions.length ? actions.map((c) => <div key={String(c.key)}>{cell(c, r, i)}</div>) : undefined}
            >
              {props.cardBody ? (
                props.cardBody(r)
              ) : (
                <dl className="zl-row-card-fields">
                  {(cardTitle ? cols.filter((c) => !isActions(c)) : body).map((c) => (
                    <div key={String(c.key ?? c.dataIndex)}>
                      <dt>{typeof c.title === 'function' ? '' : (c.title as ReactNode)}</dt>
                      <dd>{cell(c, r, i)}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </Card>
          );
        })}
        {p && (total > size || p.showTotal) && (
          <Pagination
            size="small"
            align="center"
            showLessItems
            showSizeChanger={false}
            current={page}
            pageSize={size}
            total={total}
            showTotal={p.showTotal}
            onChange={(next, s) => (controlled ? p.onChange?.(next, s) : setLocalPage(next))}
          />
        )}
      </div>
    </Spin>
  );
}
