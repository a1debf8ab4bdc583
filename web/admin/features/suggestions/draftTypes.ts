/** What the deputy's pages read and send, by the drafting and reading routes' schemas. */
import type { Answer, Schemas } from '../../../shared/api.js';
import type { paths } from '../../../shared/api-types.js';

/** One congress the signed-in deputy may file to, with its term's sessions. */
export type CongressOption = Answer<'/api/suggestions/congresses'>[number];

/** A deputy of the same congress who may be invited to co-sign. */
export type DeputyHit = Answer<'/api/suggestions/deputies'>[number];

/** The body of POST /api/suggestions and PUT /api/suggestions/{id}: on a change, `cosignerIds` are all the co-signers wanted. */
export type DraftBody = paths['/api/suggestions']['post']['requestBody']['content']['application/json'];

export type SuggestionKind = DraftBody['kind'];

export type SuggestionDetail = Schemas['SuggestionDetail'];

export type SuggestionListItem = Schemas['SuggestionListItem'];

export type SuggestionPage = Answer<'/api/suggestions'>;
