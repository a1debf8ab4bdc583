/**
 * The suggestion records as the server presents them (GET /api/suggestions, GET
 * /api/suggestions/{id}, the statistics, a congress's sessions and settings).
 */
import type { Answer, Schemas } from '../../../shared/api.js';

export type SuggestionListItem = Schemas['SuggestionListItem'];
export type SuggestionPage = Answer<'/api/suggestions'>;
export type SuggestionDetail = Schemas['SuggestionDetail'];
export type SuggestionActionOffer = SuggestionDetail['actions'][number];
export type AnswerCategory = NonNullable<SuggestionDetail['answerCategory']>;
export type ContactStage = SuggestionDetail['contacts'][number]['stage'];
export type ContactMode = SuggestionDetail['contacts'][number]['mode'];

/** A row of the statistics: one unit, congress, category or month. */
export type SuggestionFigures = Answer<'/api/suggestions/statistics'>['rows'][number];
export type SuggestionStatistics = Answer<'/api/suggestions/statistics'>;

export type CongressSession = Answer<'/api/congress-sessions'>[number];
export type SuggestionSettings = Omit<Answer<'/api/suggestion-settings'>, 'custom'>;
