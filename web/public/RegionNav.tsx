import { Button, Space } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { get, qs } from '../shared/api.js';
import { useI18n } from '../shared/i18n.js';
import { failureText } from './feedback.js';

interface RegionStep { code: string; name: string }

/**
 * A public list's place: the trail from everywhere down to `region` and the places below it that
 * have stations, as the station directory offers them. `error` is the reason they could not be read.
 */
export function useRegionTrail(region: string): { trail: RegionStep[]; children: RegionStep[]; error: string | null } {
  const { l } = useI18n();
  const [trail, setTrail] = useState<RegionStep[]>([]);
  const [children, setChildren] = useState<RegionStep[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ trail: RegionStep[]; regions: RegionStep[] }>(`/api/public/stations/regions${qs({ parent: region })}`)
      .then((r) => { setTrail(r.trail); setChildren(r.regions); }, (e: unknown) => setError(failureText(e, l)));
  }, [region]);
  return { trail, children, error };
}

/** The place picker over a public list: a step back up the trail (`null`: everywhere), or down to a place below. */
export function RegionNav({ trail, children, go }: { trail: RegionStep[]; children: RegionStep[]; go(code: string | null): void }) {
  const { l } = useI18n();
  return (
    <nav aria-label={l('所在地区', 'Region')} style={{ padding: '0 12px 8px' }}>
      <Space wrap style={{ '--gap': '6px' }}>
        <a role="button" onClick={() => go(null)}>{l('全部地区', 'Everywhere')}</a>
        {trail.map((t) => <span key={t.code}>› <a role="button" onClick={() => go(t.code)}>{t.name}</a></span>)}
      </Space>
      {children.length > 0 && (
        <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {children.map((c) => <Button key={c.code} size="mini" onClick={() => go(c.code)}>{c.name}</Button>)}
        </div>
      )}
    </nav>
  );
}
