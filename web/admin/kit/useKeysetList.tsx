import { Button, Space } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { get } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';

export interface KeysetPage<T> { items: T[]; nextCursor: string | null }

/**
 * A list the server pages by key: `url` carries the filters (and a `?`), the cursor is added
 * here. Changing the url starts again from the first page; 上一页 walks back the cursors seen.
 */
export function useKeysetList<T, P extends KeysetPage<T> = KeysetPage<T>>(url: string, limit = 20) {
  const { l } = useI18n();
  const [trail, setTrail] = useState<{ url: string; cursors: (string | null)[] }>({ url, cursors: [null] });
  const cursors = trail.url === url ? trail.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const [page, setPage] = useState<P | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const glue = url.includes('?') ? '&' : '?';
      setPage(await get<P>(`${url}${glue}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  }, [url, cursor, limit]);
  useEffect(() => { void reload(); }, [reload]);

  const pager: ReactNode = (
    <Space>
      <Button disabled={cursors.length <= 1} onClick={() => setTrail({ url, cursors: cursors.slice(0, -1) })}>{l('上一页', 'Previous')}</Button>
      <Button disabled={!page?.nextCursor} onClick={() => setTrail({ url, cursors: [...cursors, page!.nextCursor] })}>{l('下一页', 'Next')}</Button>
    </Space>
  );
  const restart = () => setTrail({ url, cursors: [null] });
  return { page, items: page?.items ?? [], loading, error, reload, pager, restart };
}
