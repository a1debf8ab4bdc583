/**
 * The budget-review records as the server presents them (GET /api/budget-reviews, GET
 * /api/budget-reviews/{id}, its comments), from the generated API types.
 */
import type { Answer } from '../../../shared/api.js';

export type ReviewPage = Answer<'/api/budget-reviews'>;
export type ReviewListItem = ReviewPage['items'][number];
export type Review = Answer<'/api/budget-reviews/{id}'>;
export type ReviewKind = Review['kind'];
export type ReviewState = Review['state'];
export type Project = Review['projects'][number];
export type Opinion = NonNullable<Review['generalOpinion']>;
export type Recommendation = Opinion['recommendation'];
export type Report = Review['reports'][number];
export type ReportKind = Report['kind'];
export type Evaluation = Review['evaluations'][number];
export type Participant = Evaluation['participants'][number];
export type Comment = Answer<'/api/budget-reviews/{id}/comments'>[number];
