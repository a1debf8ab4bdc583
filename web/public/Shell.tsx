import type { ReactNode } from 'react';
import { useI18n } from '../shared/i18n.js';
import { useElder } from './elder.js';

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
      <main className="lx-page">{children}</main>
    </>
  );
}
