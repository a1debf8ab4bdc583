import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../shared/i18n.js';
import { pendingDrafts, type Draft } from './drafts.js';
import { useElder } from './elder.js';

/** A submission still waiting on this phone, offered from every page but the submit page (which sends it). */
function WaitingDraftBanner() {
  const { l } = useI18n();
  const { pathname } = useLocation();
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (pathname === '/submit') return;
    pendingDrafts().then((all) => setDraft(all[0] ?? null), () => setDraft(null));
  }, [pathname]);
  if (!draft || pathname === '/submit') return null;
  const { stationId, deputyId } = draft.body;
  const to = `/submit?${new URLSearchParams({ ...(stationId && { station: String(stationId) }), ...(deputyId && { deputy: String(deputyId) }) }).toString()}`;
  return (
    <div className="lx-waiting" role="status">
      {l('有一条意见保存在本机,还未发送。', 'An opinion is kept on this phone, not yet sent.')} <Link to={to}>{l('发送', 'Send it')}</Link>
    </div>
  );
}

/** Every phone page: a bar with the language switch and the elder-friendly switch, then the page. */
export function Shell({ children }: { children: ReactNode }) {
  const { l, lang, setLang } = useI18n();
  const { elder, toggle } = useElder();
  return (
    <>
      <header className="lx-bar">
        <span className="lx-brand">{l('连心桥', 'Lianxin')}</span>
        <button type="button" onClick={toggle} aria-pressed={elder}>{elder ? l('标准模式', 'Standard view') : l('长辈模式', 'Large text')}</button>
        <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>{lang === 'zh' ? 'English' : '中文'}</button>
      </header>
      <main className="lx-page"><WaitingDraftBanner />{children}</main>
    </>
  );
}
