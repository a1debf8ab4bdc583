import { Cascader, Empty, Input, Select, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { get, qs } from '../../shared/api.js';
import { useI18n } from '../../shared/i18n.js';
import type { KeysetPage } from './useKeysetQuery.js';
import { useSession } from '../app/session.js';
import { useVocabulary } from './vocabulary.js';
import type { Answer, Schemas } from '../../shared/api.js';

export type Region = Answer<'/api/regions'>['items'][number];
export type RegionBrief = Schemas['RegionBrief'];

// Region data changes only with a new GB/T 2260 import: every picker on every screen shares one cache.
const childrenCache = new Map<string, Promise<Region[]>>();
const detailCache = new Map<string, Promise<Region & { ancestors: Region[] }>>();

/** Every child of a region (the provinces for `null`), following the pages to the end. */
export function regionChildren(parent: string | null): Promise<Region[]> {
  const key = parent ?? '';
  let hit = childrenCache.get(key);
  if (!hit) {
    hit = (async () => {
      const out: Region[] = [];
      let cursor: string | null = null;
      do {
        const page: KeysetPage<Region> = await get<KeysetPage<Region>>(`/api/regions${qs({ parent, cursor })}`);
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    })();
    hit.catch(() => childrenCache.delete(key));
    childrenCache.set(key, hit);
  }
  return hit;
}

/** A region with its ancestors, province first. */
export function regionDetail(code: string): Promise<Region & { ancestors: Region[] }> {
  let hit = detailCache.get(code);
  if (!hit) {
    hit = get<Region & { ancestors: Region[] }>(`/api/regions/${code}`);
    hit.catch(() => detailCache.delete(code));
    detailCache.set(code, hit);
  }
  return hit;
}

export function searchRegions(q: string, within: string | null): Promise<KeysetPage<Region>> {
  return get<KeysetPage<Region>>(`/api/regions/search${qs({ q, within })}`);
}

interface Option { value: string; label: string; isLeaf: boolean; children?: Option[] }

const toOption = (r: Region): Option => ({ value: r.code, label: r.name, isLeaf: r.hasChildren === undefined ? r.level === 'town' : !r.hasChildren });

function findOption(options: Option[], code: string): Option | undefined {
  for (const o of options) {
    if (o.value === code) return o;
    const inner = o.children && findOption(o.children, code);
    if (inner) return inner;
  }
  return undefined;
}

interface PickerProps {
  value?: string | null;
  onChange?(code: string | null): void;
  /**
   * Where browsing starts: a region code (itself selectable), `null` for all provinces, or, when
   * left out, the account's own region (a county clerk starts at their county, not at 34 provinces).
   */
  root?: string | null;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  /** Show only the chosen region's own name, for narrow cells where the whole path would be cut off. */
  compact?: boolean;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}

/**
 * One region: browse the tree level by level (loaded as it opens) or type part of a name or a
 * code to search. Any level can be chosen, not only towns. The form value is the region code.
 */
export function RegionPicker({ value, onChange, root, placeholder, disabled, allowClear = true, compact, style, id, ...rest }: PickerProps) {
  const { l } = useI18n();
  const { me } = useSession();
  const rootCode = root === undefined ? me?.scope.region?.code ?? null : root;
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<string[]>([]);
  const names = useRef(new Map<string, string>());
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Region[] | null>(null);
  const [searching, setSearching] = useState(false);
  // On a phone four columns do not fit: the columns scroll sideways, the newest one kept in view.
  const columns = useRef<HTMLDivElement>(null);
  useEffect(() => { columns.current?.scrollTo({ left: columns.current.scrollWidth }); }, [options, open]);

  const remember = (regions: Region[]) => regions.forEach((r) => names.current.set(r.code, r.name));

  // The first column: the root region alone, or the provinces.
  useEffect(() => {
    let live = true;
    const first = rootCode ? regionDetail(rootCode).then((r) => [r]) : regionChildren(null);
    first.then((regions) => { if (live) { remember(regions); setOptions(regions.map(toOption)); } }, () => undefined);
    return () => { live = false; };
  }, [rootCode]);

  // A value set from outside (an existing record, a search hit): find its path and open the tree along it.
  useEffect(() => {
    if (!value) { setPath([]); return; }
    if (path.at(-1) === value) return;
    let live = true;
    void (async () => {
      const detail = await regionDetail(value);
      const chain = [...detail.ancestors, detail];
      remember(chain);
      const from = rootCode ? chain.findIndex((r) => r.code === rootCode) : 0;
      const codes = (from >= 0 ? chain.slice(from) : chain).map((r) => r.code);
      if (from >= 0) {
        // Load each level on the way so the open menu shows where the value sits.
        const levels = await Promise.all(codes.slice(0, -1).map((c) => regionChildren(c)));
        levels.forEach(remember);
        if (!live) return;
        setOptions((current) => {
          const next = structuredClone(current);
          codes.slice(0, -1).forEach((c, i) => {
            const node = findOption(next, c);
            if (node && !node.children) node.children = levels[i]!.map(toOption);
          });
          return next;
        });
      }
      if (live) setPath(codes);
    })().catch(() => undefined);
    return () => { live = false; };
    // `path` is left out on purpose: it is read only to skip a value that was just chosen here.
  }, [value, rootCode]);

  async function loadData(selected: Option[]) {
    const target = selected.at(-1);
    if (!target || target.children) return;
    const children = await regionChildren(target.value);
    remember(children);
    setOptions((current) => {
      const next = structuredClone(current);
      const node = findOption(next, target.value);
      if (node) { node.children = children.map(toOption); node.isLeaf = children.length === 0; }
      return next;
    });
  }

  async function runSearch(q: string) {
    setQuery(q);
    if (!q.trim()) { setFound(null); return; }
    setSearching(true);
    try {
      setFound((await searchRegions(q.trim(), rootCode)).items);
    } catch {
      setFound([]);
    } finally {
      setSearching(false);
    }
  }

  function choose(codes: string[]) {
    setPath(codes);
    onChange?.(codes.at(-1) ?? null);
  }

  function chooseFound(r: Region) {
    names.current.set(r.code, r.name);
    setOpen(false);
    setFound(null);
    setQuery('');
    onChange?.(r.code);
  }

  const searchBox = (
    <div style={{ padding: 8, borderBottom: '1px solid #f0f0f0' }}>
      <Input.Search
        size="small" allowClear placeholder={l('搜索名称或代码', 'Search a name or code')} value={query}
        aria-label={l('搜索行政区划', 'Search regions')}
        onChange={(e) => { setQuery(e.target.value); if (!e.target.value) setFound(null); }}
        onSearch={(q) => void runSearch(q)} loading={searching}
        // Keys typed here must not reach the cascader, which would read them as menu navigation.
        onKeyDown={(e) => e.stopPropagation()}
      />
    </div>
  );

  return (
    <Cascader<Option>
      id={id} aria-label={rest['aria-label']} style={style}
      options={options} loadData={(s) => void loadData(s)} changeOnSelect
      value={path.length ? path : undefined}
      onChange={(codes) => choose((codes ?? []) as string[])}
      displayRender={(labels) => {
        const text = labels.map((x) => names.current.get(String(x)) ?? String(x));
        return compact ? <span title={text.join(' / ')}>{text.at(-1)}</span> : text.join(' / ');
      }}
      placeholder={placeholder ?? l('选择行政区划', 'Choose a region')}
      disabled={disabled} allowClear={allowClear}
      open={open} onOpenChange={(o) => { setOpen(o); if (!o) { setFound(null); setQuery(''); } }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 32px)' } } }}
      popupRender={(menu) => (
        <div>
          {searchBox}
          {found === null ? <div ref={columns} style={{ overflowX: 'auto' }}>{menu}</div> : <SearchHits hits={found} onPick={chooseFound} />}
        </div>
      )}
    />
  );
}

function SearchHits({ hits, onPick }: { hits: Region[]; onPick(r: Region): void }) {
  const { l } = useI18n();
  const vocabulary = useVocabulary();
  if (hits.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={l('没有匹配的区划', 'No matching region')} />;
  return (
    <div role="listbox" aria-label={l('搜索结果', 'Search results')} style={{ maxHeight: 260, overflowY: 'auto', minWidth: 240 }}>
      {hits.map((r) => (
        <div
          key={r.code} role="option" aria-selected={false} tabIndex={0}
          onClick={() => onPick(r)} onKeyDown={(e) => { if (e.key === 'Enter') onPick(r); }}
          style={{ padding: '6px 12px', cursor: 'pointer' }}
          onMouseEnter={(e) => { e.currentTarget.style.background = '#f5f5f5'; }}
          onMouseLeave={(e) => { e.currentTarget.style.background = ''; }}
        >
          <div>{r.fullName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.code} · {vocabulary.text('regionLevels', r.level)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

interface MultiProps {
  value?: string[];
  onChange?(codes: string[]): void;
  /** Regions the record already names, so their labels show without a request each. */
  known?: RegionBrief[];
  within?: string | null;
  placeholder?: string;
  disabled?: boolean;
  id?: string;
}

/**
 * Several regions from anywhere in the country, found by name or code: the member towns of a
 * cross-province station lie outside the clerk's own region.
 */
export function RegionMultiPicker({ value = [], onChange, known = [], within = null, placeholder, disabled, id }: MultiProps) {
  const { l } = useI18n();
  const [labels, setLabels] = useState(() => new Map(known.map((r) => [r.code, r.fullName])));
  const [hits, setHits] = useState<Region[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Codes without a label yet (set from outside): look each up once.
  useEffect(() => {
    const missing = value.filter((c) => !labels.has(c));
    if (!missing.length) return;
    let live = true;
    Promise.all(missing.map((c) => regionDetail(c).catch(() => null))).then((found) => {
      if (!live) return;
      setLabels((m) => new Map([...m, ...found.flatMap((r) => (r ? [[r.code, r.fullName] as const] : []))]));
    }, () => undefined);
    return () => { live = false; };
  }, [value, labels]);

  function search(q: string) {
    clearTimeout(timer.current);
    if (!q.trim()) { setHits([]); return; }
    timer.current = setTimeout(() => {
      setLoading(true);
      searchRegions(q.trim(), within).then((p) => setHits(p.items), () => setHits([])).finally(() => setLoading(false));
    }, 300);
  }

  const options = useMemo(() => {
    const chosen = value.map((c) => ({ value: c, label: labels.get(c) ?? c }));
    const more = hits.filter((r) => !value.includes(r.code)).map((r) => ({ value: r.code, label: r.fullName }));
    return [...chosen, ...more];
  }, [value, hits, labels]);

  return (
    <Select
      id={id} mode="multiple" value={value} disabled={disabled} options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      onChange={(codes: string[]) => {
        setLabels((m) => new Map([...m, ...hits.map((r) => [r.code, r.fullName] as const)]));
        onChange?.(codes);
      }}
      notFoundContent={loading ? <Spin size="small" /> : l('输入名称或代码搜索', 'Type a name or code to search')}
      placeholder={placeholder ?? l('搜索并添加行政区划', 'Search and add regions')}
      style={{ width: '100%' }}
    />
  );
}
