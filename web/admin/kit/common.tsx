import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Grid, Result, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CSSProperties, ReactNode } from 'react';
import { useI18n } from '../../shared/i18n.js';
import { useSession } from '../app/session.js';

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A load failure above a table, with a way to try again. */
export function LoadError({ error, retry }: { error: string | null; retry?: () => void }) {
  const { l } = useI18n();
  if (!error) return null;
  return (
    <Alert
      type="error" showIcon role="alert" title={error}
      action={retry && <Button size="small" onClick={retry}>{l('重试', 'Retry')}</Button>}
    />
  );
}

/** Phones and narrow windows: forms and descriptions go to one column. */
export function useNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return !screens.md;
}

/** A screen's title (an h2: the shell's h1 names the screen) with its actions on the right (wrapping below it on a phone). */
export function PageTitle({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
      <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>{title}</Typography.Title>
      {extra && <Space wrap>{extra}</Space>}
    </div>
  );
}

/**
 * The filters above a list: one wrapping row on a desktop; on a phone a two-column grid where
 * each filter fills its cell, so they line up instead of leaving ragged gaps.
 */
export function FilterBar({ children }: { children: ReactNode }) {
  const narrow = useNarrow();
  if (!narrow) return <Space wrap>{children}</Space>;
  return <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 8 }}>{children}</div>;
}

/** A filter's width: fixed on a desktop, its grid cell (or the whole row) on a phone. */
export function useFilterStyle(): (width: number, wholeRow?: boolean) => CSSProperties {
  const narrow = useNarrow();
  return (width, wholeRow = false) => (narrow ? { width: '100%', gridColumn: wholeRow ? '1 / -1' : undefined } : { width });
}

export type ActiveFilter = 'true' | 'false' | 'all';

/** In use / deactivated / both — the `active` filter every registry list has. */
export function ActiveSelect({ value, onChange, style }: { value: ActiveFilter; onChange(v: ActiveFilter): void; style?: CSSProperties }) {
  const { l } = useI18n();
  return (
    <Select<ActiveFilter>
      value={value} onChange={onChange} style={style ?? { width: 120 }} aria-label={l('状态', 'Status')}
      options={[
        { value: 'true', label: l('在用', 'In use') },
        { value: 'false', label: l('已停用', 'Deactivated') },
        { value: 'all', label: l('全部状态', 'Any status') },
      ]}
    />
  );
}

/**
 * A screen opened by address that the account may not use: say so instead of asking the server
 * and showing its 403. The menu already hides these screens; the server checks every request.
 */
export function RequireAbility({ ability, children }: { ability: string; children: ReactNode }) {
  const { l } = useI18n();
  const { can } = useSession();
  if (can(ability)) return <>{children}</>;
  return <Result status="403" title={l('无权访问', 'Not allowed')} subTitle={l('您的账号不能使用此页面。', 'Your account cannot use this page.')} />;
}

/**
 * The last column of a register list: an edit button on the rows the reader may change. Empty
 * (no column at all) for readers who may change none.
 */
export function editColumn<T extends { abilities: string[] }>(
  shown: boolean, narrow: boolean, l: (zh: string, en: string) => string, onEdit: (row: T) => void,
): ColumnsType<T> {
  if (!shown) return [];
  return [{
    title: l('操作', 'Actions'), key: 'actions', width: 90, fixed: narrow ? undefined : 'right',
    render: (_: unknown, row: T) => row.abilities.includes('update') && (
      <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(row)}>{l('编辑', 'Edit')}</Button>
    ),
  }];
}
