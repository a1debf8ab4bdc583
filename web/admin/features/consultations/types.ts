/**
 * The consultation records as the server presents them (GET /api/consultations, GET
 * /api/consultations/{id}, its compilation and the activities it may link).
 */
import type { Answer, Schemas } from '../../../shared/api.js';
import type { paths } from '../../../shared/api-types.js';

export type TopicItem = Schemas['ConsultationItem'];
export type Topic = Schemas['Consultation'];
export type TopicState = Topic['state'];
export type TopicAction = Topic['actions'][number];
export type Compilation = Schemas['ConsultationCompilation'];
export type CompilationText = Compilation['texts']['items'][number];
export type ActivityCandidate = Answer<'/api/consultations/{id}/activity-candidates'>[number];

/** The body of POST /api/consultations (PUT /api/consultations/{id} adds `version`). */
export type TopicBody = paths['/api/consultations']['post']['requestBody']['content']['application/json'];
export type CongressLevel = TopicBody['congress']['level'];
