import './mobileRender.js';
import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
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

// The published suggestions load when first opened: the first screens stay as light as before.
const SuggestionListPage = lazy(() => import('./SuggestionPages.js').then((m) => ({ default: m.SuggestionListPage })));
const SuggestionDetailPage = lazy(() => import('./SuggestionPages.js').then((m) => ({ default: m.SuggestionDetailPage })));
const ProjectListPage = lazy(() => import('./ProjectPages.js').then((m) => ({ default: m.ProjectListPage })));
const ProjectDetailPage = lazy(() => import('./ProjectPages.js').then((m) => ({ default: m.ProjectDetailPage })));
const ProposePage = lazy(() => import('./ProjectPages.js').then((m) => ({ default: m.ProposePage })));
const ConsultationListPage = lazy(() => import('./ConsultationPages.js').then((m) => ({ default: m.ConsultationListPage })));
const ConsultationPage = lazy(() => import('./ConsultationPages.js').then((m) => ({ default: m.ConsultationPage })));
const ConsultationFeedbackPage = lazy(() => import('./ConsultationPages.js').then((m) => ({ default: m.ConsultationFeedbackPage })));
const DeliberationListPage = lazy(() => import('./DeliberationPages.js').then((m) => ({ default: m.DeliberationListPage })));
const DeliberationPage = lazy(() => import('./DeliberationPages.js').then((m) => ({ default: m.DeliberationPage })));
const ReportBackEvaluatePage = lazy(() => import('./ReportBackPages.js').then((m) => ({ default: m.ReportBackEvaluatePage })));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
    <I18nProvider>
      <ElderProvider>
        <BrowserRouter basename="/m">
          <Shell>
            <Suspense fallback={null}>
            <Routes>
              <Route path="/" element={<DirectoryPage />} />
              <Route path="/s/:id" element={<StationPage />} />
              <Route path="/d/:deputyId" element={<DisclosurePage />} />
              <Route path="/submit" element={<SubmitPage />} />
              <Route path="/t/:code" element={<TrackPage />} />
              <Route path="/q" element={<LookupPage />} />
              <Route path="/suggestions" element={<SuggestionListPage />} />
              <Route path="/suggestions/:id" element={<SuggestionDetailPage />} />
              <Route path="/projects" element={<ProjectListPage />} />
              <Route path="/projects/propose" element={<ProposePage />} />
              <Route path="/projects/:id" element={<ProjectDetailPage />} />
              <Route path="/consultations" element={<ConsultationListPage />} />
              <Route path="/consultations/feedback" element={<ConsultationFeedbackPage />} />
              <Route path="/consultations/feedback/:code" element={<ConsultationFeedbackPage />} />
              <Route path="/consultations/:id" element={<ConsultationPage />} />
              <Route path="/deliberations" element={<DeliberationListPage />} />
              <Route path="/deliberations/:id" element={<DeliberationPage />} />
              <Route path="/report-backs/evaluate/:key" element={<ReportBackEvaluatePage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
            </Suspense>
          </Shell>
        </BrowserRouter>
      </ElderProvider>
    </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
