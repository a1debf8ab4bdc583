/**
 * Livelihood rounds, projects, votes and delivery as the server presents them
 * (GET /api/livelihood/…), from the generated API types.
 */
import type { Answer, Schemas } from '../../../shared/api.js';

export type Round = Schemas['LivelihoodRound'];
export type RoundAction = Round['actions'][number];
export type ProjectListItem = Schemas['LivelihoodProjectItem'];
export type Project = Schemas['LivelihoodProject'];
export type ProjectAction = Project['actions'][number];
export type VoteDetail = Answer<'/api/livelihood/votes/{id}'>;
export type Result = VoteDetail['results'][number];
export type Congress = Answer<'/api/livelihood/congresses'>[number];
export type MyBallot = Answer<'/api/livelihood/my-ballots'>[number];
export type Turnout = Answer<'/api/livelihood/votes/{id}/turnout'>;
export type Delivery = Schemas['LivelihoodDelivery'];
export type Evaluation = Schemas['LivelihoodEvaluation'];
