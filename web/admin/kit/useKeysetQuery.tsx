import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, get } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';
import { apiKey, errorMessage, invalidateApi } from '../../shared/query.js';

export interface KeysetPage<T> { items: T[]; nextCursor: string | null }

/**
 * A list the server pages by key: `url` carries the filters (and a `?`), the cursor and the
 * page size are added here. Each page is a query keyed by the whole address (filters, cursor,
 * size), so what shows is always the answer to the filters on screen, however fast they change;
 * while the next answer comes, the previous page stays. Changing the url starts again from the
 * first page; 上一页 walks back the cursors seen.
 */
export function useKeysetQuery<T, P extends KeysetPage<T> = KeysetPage<T>>(url: string, limit = 20) {
  const { l } = useI18n();
  const [trail, setTrail] = useState<{ url: string; cursors: (string | null)[] }>({ url, cursors: [null] });
  const cursors = trail.url === url ? trail.cursors : [null];
  const cursor = cursors.at(-1) ?? null;
  const address = `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const query = useQuery<P, ApiError>({
    queryKey: apiKey(address),
    queryFn: () => get<P>(address),
    placeholderData: (previous) => previous,
  });
  const page = query.data ?? null;
  const path = url.split('?')[0]!;

  const pager: ReactNode = (
    <Space>
      <Button disabled={cursors.length <= 1} onClick={() => setTrail({ url, cursors: cursors.slice(0, -1) })}>{l('上一页', 'Previous')}</Button>
      <Button disabled={!page?.nextCursor || query.isPlaceholderData} onClick={() => setTrail({ url, cursors: [...cursors, page!.nextCursor] })}>{l('下一页', 'Next')}</Button>
    </Space>
  );
  const restart = () => setTrail({ url, cursors: [null] });
  /** Reads the list again (every page of it), e.g. after a write. */
  const reload = () => invalidateApi(path);
  return {
    page, items: page?.items ?? [], loading: query.isFetching, error: query.error ? errorMessage(query.error) : null, reload, pager, restart,
  };
}
