/**
 * The hot-topic records as the server presents them (GET /api/hot-topics, /api/hot-topics/{id},
 * its opinions, and the opinions linked to a consultation).
 */
import type { Answer, Schemas } from '../../../shared/api.js';

export type HotTopicItem = Schemas['HotTopicItem'];
export type HotTopicOpinion = Schemas['HotTopicOpinion'];
export type HotTopic = Schemas['HotTopic'];
export type HotTopicList = Answer<'/api/hot-topics'>;
export type HotTopicRegions = Answer<'/api/hot-topics/regions'>;
export type HotTopicOpinionPage = Answer<'/api/hot-topics/{id}/opinions'>;
export type ConsultationCases = Answer<'/api/consultations/{id}/cases'>;
export type ConsultationCase = ConsultationCases['items'][number];
export type DeliberationRegions = Answer<'/api/deliberations/regions'>;
