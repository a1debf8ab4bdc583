/** The published suggestions as the public routes present them, and the labels the phone pages give their coded values. */
import type { Answer, Schemas } from '../shared/api.js';

type Label = { zh: string; en: string };

export type PublicSuggestion = Schemas['PublicSuggestion'];
export type PublicSuggestionItem = Schemas['PublicSuggestionItem'];
export type PublicSuggestionPage = Answer<'/api/public/suggestions'>;

/** The answer letter's categories as the public reads them. */
export const ANSWER_CATEGORY_LABELS: Record<NonNullable<PublicSuggestion['answerCategory']>, Label> = {
  A: { zh: 'A 类:已解决或基本解决', en: 'A: solved or mostly solved' },
  B: { zh: 'B 类:正在解决或已列入计划', en: 'B: being solved or planned' },
  C: { zh: 'C 类:因条件限制需以后解决或留作参考', en: 'C: later, or kept for reference' },
};

export const KIND_LABELS: Record<PublicSuggestion['kind'], Label> = {
  suggestion: { zh: '建议', en: 'Suggestion' },
  motion: { zh: '议案', en: 'Motion' },
};
