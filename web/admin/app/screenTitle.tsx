import { useEffect, type CSSProperties } from 'react';
import { matchRoutes, useLocation } from 'react-router';
import { useI18n } from '../../shared/i18n.js';
import type { FeatureRoute, MenuEntry } from '../kit/feature.js';

/** Out of sight, still read by screen readers (the usual "visually hidden" rules). */
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden',
  clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0,
};

/** The browser tab's title for a screen: its name, then the product's; null: the product's alone; undefined: left as it is. */
export function useDocumentTitle(screen: { zh: string; en: string } | null | undefined): void {
  const { lang } = useI18n();
  const zh = screen?.zh;
  const en = screen?.en;
  const leave = screen === undefined;
  useEffect(() => {
    if (leave) return;
    const product = lang === 'en' ? 'Lianxin' : '连心桥';
    document.title = zh && en ? `${lang === 'en' ? en : zh} - ${product}` : lang === 'en' ? 'Lianxin · Deputy liaison stations' : '连心桥 · 人大代表联络站平台';
  }, [zh, en, lang, leave]);
}

/**
 * The name of the screen at the current address: the route's `title`, else the label of the
 * navigation entry at the route's path, else of the entry of its section (`/cases/…` → /cases).
 * The shell shows it as the browser tab's title and as the page's one h1: the features' own
 * title rows (PageTitle and the like) are h2.
 */
export function ScreenHeading({ routes, menu }: { routes: readonly FeatureRoute[]; menu: readonly MenuEntry[] }) {
  const location = useLocation();
  const { l } = useI18n();
  const route = matchRoutes(routes.map((r) => ({ path: r.path, feature: r })), location)?.at(-1)?.route.feature;
  const section = `/${location.pathname.split('/')[1] ?? ''}`;
  const entry = menu.find((m) => m.path === route?.path) ?? menu.find((m) => m.path === section);
  const screen = route?.title ?? (entry ? { zh: entry.zh, en: entry.en } : null);
  useDocumentTitle(screen);
  return <h1 style={VISUALLY_HIDDEN}>{screen ? l(screen.zh, screen.en) : l('连心桥', 'Lianxin')}</h1>;
}
