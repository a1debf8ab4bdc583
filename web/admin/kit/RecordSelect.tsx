import { Select, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { get, qs } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';
import type { KeysetPage } from './useKeysetQuery.js';

export interface Named { id: number; name: string }

type Source = 'stations' | 'deputies' | 'units';

interface Props<V extends number | number[]> {
  source: Source;
  value?: V | null;
  onChange?(value: V | null): void;
  /** Several records (value is an id list) rather than one. */
  multiple?: boolean;
  /** Records the value already names (from the record being edited), so their names show at once. */
  known?: Named[];
  /** Leave out records, e.g. a station itself when choosing its parent. */
  exclude?: number[];
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}

/**
 * A station, deputy or unit chosen by typing part of its name (deputies also by pinyin
 * initials): the server searches within what the account may see, 20 at a time.
 */
export function RecordSelect<V extends number | number[]>(props: Props<V>) {
  const { source, value, onChange, multiple, known = [], exclude = [], placeholder, disabled, allowClear = true, style, id } = props;
  const { l } = useI18n();
  const [names, setNames] = useState(() => new Map(known.map((r) => [r.id, r.name])));
  const [hits, setHits] = useState<Named[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const ids = useMemo(() => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]) as number[], [value]);

  function search(q: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      get<KeysetPage<Named>>(`/api/${source}${qs({ q: q.trim() || undefined, limit: 20 })}`)
        .then((p) => setHits(p.items), () => setHits([]))
        .finally(() => setLoading(false));
    }, q ? 300 : 0);
  }

  // Ids set from outside without a name: read each record once.
  useEffect(() => {
    const missing = ids.filter((i) => !names.has(i));
    if (!missing.length) return;
    let live = true;
    Promise.all(missing.map((i) => get<Named>(`/api/${source}/${i}`).catch(() => null))).then((found) => {
      if (live) setNames((m) => new Map([...m, ...found.flatMap((r) => (r ? [[r.id, r.name] as const] : []))]));
    }, () => undefined);
    return () => { live = false; };
  }, [ids, names, source]);

  const options = useMemo(() => {
    const chosen = ids.map((i) => ({ value: i, label: names.get(i) ?? `#${i}` }));
    const more = hits.filter((h) => !ids.includes(h.id) && !exclude.includes(h.id)).map((h) => ({ value: h.id, label: h.name }));
    return [...chosen, ...more];
  }, [ids, hits, names, exclude]);

  const defaultPlaceholder = {
    stations: l('输入名称搜索联络站', 'Type to search stations'),
    deputies: l('输入姓名或拼音首字母', 'Type a name or pinyin initials'),
    units: l('输入名称搜索单位', 'Type to search units'),
  }[source];

  return (
    <Select<number | number[]>
      // Named by its label (id), else by what it asks for (the placeholder), so a screen reader says what it is.
      id={id} aria-label={props['aria-label'] ?? (id ? undefined : placeholder ?? defaultPlaceholder)} style={{ width: '100%', ...style }}
      mode={multiple ? 'multiple' : undefined} value={multiple ? ids : ids[0] ?? null}
      options={options} disabled={disabled} allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => { if (open && hits.length === 0) search(''); }}
      onChange={(next) => {
        setNames((m) => new Map([...m, ...hits.map((h) => [h.id, h.name] as const)]));
        onChange?.((next ?? null) as V | null);
      }}
      notFoundContent={loading ? <Spin size="small" /> : l('没有匹配的记录', 'Nothing matches')}
      placeholder={placeholder ?? defaultPlaceholder}
    />
  );
}
