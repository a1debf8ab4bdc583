import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { I18nProvider, useI18n } from '../../shared/i18n.js';
import { queryClient } from '../../shared/query.js';
import './admin.css';
import { Root } from './Root.js';
import { STILL_THEME, THEME } from './theme.js';

const REDUCED_MOTION = window.matchMedia('(prefers-reduced-motion: reduce)');
const watchMotion = (onChange: () => void) => {
  REDUCED_MOTION.addEventListener('change', onChange);
  return () => { REDUCED_MOTION.removeEventListener('change', onChange); };
};

/**
 * antd's theme, locale, and buttons without the space antd puts between two Chinese characters (退 出), so a button's visible text matches its accessible name.
 * A device set to reduce motion gets dialogs, menus and messages that appear and go without animation.
 */
function Themed() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  const still = useSyncExternalStore(watchMotion, () => REDUCED_MOTION.matches);
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={still ? STILL_THEME : THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <Root />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
