import { lazyPage, type WebFeature } from '../../kit/feature.js';

const ReportBacksPage = lazyPage(() => import('./ReportBacksPage.js'), (m) => m.ReportBacksPage);
const NewReportBackPage = lazyPage(() => import('./NewReportBackPage.js'), (m) => m.NewReportBackPage);
const ReportBackPage = lazyPage(() => import('./ReportBackPage.js'), (m) => m.ReportBackPage);
const ReportEditorPage = lazyPage(() => import('./ReportEditorPage.js'), (m) => m.ReportEditorPage);
const ScreenPage = lazyPage(() => import('./ScreenPage.js'), (m) => m.ScreenPage);

/**
 * Report-backs (述职): the plan of who must report, the meeting, the report, the constituents' evaluation by QR code and the issue list.
 * The staff of a congress and a station's officers plan and hold them; a deputy finds their own
 * (我的述职) under the same entry on the phone and writes the report there.
 */
export const reportBacks: WebFeature = {
  name: 'reportBacks',
  routes: [
    { path: '/report-backs', page: ReportBacksPage },
    { path: '/report-backs/new', page: NewReportBackPage, title: { zh: '安排述职', en: 'Plan a report-back' } },
    { path: '/report-backs/:id', page: ReportBackPage, title: { zh: '代表述职', en: 'Report-back' } },
    { path: '/report-backs/:id/report', page: ReportEditorPage, title: { zh: '述职报告', en: 'The report' } },
    { path: '/report-backs/:id/screen', page: ScreenPage, title: { zh: '述职评议二维码', en: 'Evaluation QR code' } },
  ],
  menu: [
    { path: '/report-backs', zh: '述职', en: 'Report-backs', ability: 'reportBack.read', order: 29.2 },
  ],
};
