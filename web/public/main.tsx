import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider } from '../shared/i18n.js';
import { SubmitPage } from './SubmitPage.js';
import { TrackPage } from './TrackPage.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter basename="/m">
        <Routes>
          <Route path="/submit" element={<SubmitPage />} />
          <Route path="/t/:code" element={<TrackPage />} />
          <Route path="*" element={<Navigate to="/submit" replace />} />
        </Routes>
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
