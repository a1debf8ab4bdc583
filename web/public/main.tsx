import './mobileRender.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider } from '../shared/i18n.js';
import { queryClient } from '../shared/query.js';
import { DirectoryPage } from './DirectoryPage.js';
import { DisclosurePage } from './DisclosurePage.js';
import { ElderProvider } from './elder.js';
import { LookupPage } from './LookupPage.js';
import './public.css';
import { Shell } from './Shell.js';
import { StationPage } from './StationPage.js';
import { SubmitPage } from './SubmitPage.js';
import { TrackPage } from './TrackPage.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
    <I18nProvider>
      <ElderProvider>
        <BrowserRouter basename="/m">
          <Shell>
            <Routes>
              <Route path="/" element={<DirectoryPage />} />
              <Route path="/s/:id" element={<StationPage />} />
              <Route path="/d/:deputyId" element={<DisclosurePage />} />
              <Route path="/submit" element={<SubmitPage />} />
              <Route path="/t/:code" element={<TrackPage />} />
              <Route path="/q" element={<LookupPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Shell>
        </BrowserRouter>
      </ElderProvider>
    </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
