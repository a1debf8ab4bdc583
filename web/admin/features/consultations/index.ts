import { lazyPage, type WebFeature } from '../../kit/feature.js';

const ConsultationsPage = lazyPage(() => import('./ConsultationsPage.js'), (m) => m.ConsultationsPage);
const TopicFormPage = lazyPage(() => import('./TopicFormPage.js'), (m) => m.TopicFormPage);
const TopicPage = lazyPage(() => import('./TopicPage.js'), (m) => m.TopicPage);

/**
 * Standing-committee topics consulted through the stations (议题征询): the topic, the views gathered
 * at the stations, their compilation, and the committee's and the government's feedback. The
 * staff of a congress publish and compile; a station's officers and deputies (on their phones)
 * find the open topics of their stations here and in their to-do list, and register the views heard.
 */
export const consultations: WebFeature = {
  name: 'consultations',
  routes: [
    { path: '/consultations', page: ConsultationsPage },
    { path: '/consultations/new', page: TopicFormPage, title: { zh: '新建征询议题', en: 'New consultation topic' } },
    { path: '/consultations/:id', page: TopicPage, title: { zh: '议题征询', en: 'Consultation' } },
    { path: '/consultations/:id/edit', page: TopicFormPage, title: { zh: '修改征询议题', en: 'Edit the topic' } },
  ],
  menu: [
    { path: '/consultations', zh: '议题征询', en: 'Consultations', ability: 'consultation.read', order: 29 },
  ],
};
