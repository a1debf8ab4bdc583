import { Select, Spin } from 'antd';
import { useRef, useState } from 'react';
import { get, qs } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import type { CongressOption, DeputyHit } from './draftTypes.js';

/**
 * Deputies to invite as co-signers, found by name among the deputies of the congress the
 * suggestion goes to (`level`: the lead deputy's level chosen on the form). Those already
 * invited, and the lead, are left out.
 */
export function CosignerSelect({ level, exclude, value, onChange }: {
  level: CongressOption['level'];
  exclude: number[];
  value?: number[];
  onChange?(value: number[]): void;
}) {
  const { l, lang } = useI18n();
  const [hits, setHits] = useState<DeputyHit[]>([]);
  const [names, setNames] = useState(() => new Map<number, string>());
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  function search(q: string) {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setLoading(true);
      get<DeputyHit[]>(`/api/suggestions/deputies${qs({ q: q.trim() || undefined, level })}`)
        .then(setHits, () => setHits([]))
        .finally(() => setLoading(false));
    }, q ? 300 : 0);
  }

  const chosen = value ?? [];
  const sep = lang === 'zh' ? '、' : ', ';
  const options = [
    ...chosen.map((id) => ({ value: id, label: names.get(id) ?? `#${id}` })),
    ...hits.filter((h) => !chosen.includes(h.id) && !exclude.includes(h.id))
      .map((h) => ({ value: h.id, label: h.stations.length ? `${h.name}(${h.stations.join(sep)})` : h.name })),
  ];
  return (
    <Select<number[]>
      mode="multiple" value={chosen} options={options} style={{ width: '100%' }} aria-label={l('邀请附议的代表', 'Deputies to invite')}
      placeholder={l('输入代表姓名搜索', 'Type a deputy\'s name')}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => { if (open && hits.length === 0) search(''); }}
      onChange={(next) => {
        setNames((m) => new Map([...m, ...hits.map((h) => [h.id, h.name] as const)]));
        onChange?.(next);
      }}
      notFoundContent={loading ? <Spin size="small" /> : l('没有可邀请的代表', 'No deputy to invite')}
    />
  );
}
