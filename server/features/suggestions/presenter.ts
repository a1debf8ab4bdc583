/**
 * How suggestions are shown: the congress's name, the timeline's labels, and the actions a
 * reader is offered. Offered means what will succeed now: the rule table for the reader's part,
 * less what the action's own facts rule out (an invitation already answered, a window passed,
 * commitments still open), so the page never offers a button that only answers an error.
 */
import type { DeputyLevel, Label } from '../../../common/enums.js';
import type { SuggestionKind } from '../../platform/db/schemaSuggestions.js';
import { SUGGESTION_RULES, SUGGESTION_WORKFLOW, type SuggestionAction, type SuggestionActor, type SuggestionState } from './workflow.js';

/** 平桂区人民代表大会, 全国人民代表大会: the congress a suggestion goes to, by its region's name. */
export function congressName(level: DeputyLevel, regionName: string | null): string {
  return level === 'national' || regionName === null ? '全国人民代表大会' : `${regionName}人民代表大会`;
}

/** Timeline entries that are not workflow actions. */
const OTHER_EVENTS: Record<string, Label> = {
  create: { zh: '起草', en: 'Drafted' },
};

/** The label of a timeline entry's action. */
export function eventLabel(action: string): Label {
  return SUGGESTION_RULES[action as SuggestionAction]?.label ?? OTHER_EVENTS[action] ?? { zh: action, en: action };
}

/** The first `max` characters of a text, with an ellipsis when cut. */
export function excerpt(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** What, besides the state and the reader's part, decides whether an action can succeed now. */
export interface OfferFacts {
  kind: SuggestionKind;
  state: SuggestionState;
  keySupervision: boolean;
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today: string;
  /** The last day a unit may ask for a different assignment. */
  reassignUntil: string | null;
  /** The reader's own invitation to co-sign, if they are a co-signer. */
  signerStatus: 'invited' | 'confirmed' | 'declined' | null;
  /** The reader (a co-signer) has rated the current round. */
  ratedThisRound: boolean;
  /** Commitments of the answer not yet kept. */
  openCommitments: number;
}

/**
 * The actions the reader may take now, in the rule table's order. Besides the table:
 * - a co-signer confirms while the invitation is pending, and may decline until submitted;
 * - a co-signer adds a rating after confirming, once per round;
 * - a unit asks for a different assignment up to `reassignUntil`;
 * - a suggestion is registered, a motion placed on the agenda or turned into a suggestion;
 * - progress is reported while commitments are open, the answer upgraded when none is;
 * - unflag_key only under key supervision (flag_key again changes the official and the plan).
 */
export function offeredActions(part: SuggestionActor | null, f: OfferFacts): SuggestionAction[] {
  if (!part || part === 'system') return [];
  return SUGGESTION_WORKFLOW.allowed(f.state, part).filter((action) => {
    switch (action) {
      case 'cosign': return f.signerStatus === 'invited';
      case 'decline_cosign': return f.signerStatus === 'invited' || f.signerStatus === 'confirmed';
      case 'add_rating': return f.signerStatus === 'confirmed' && !f.ratedThisRound;
      case 'request_reassignment': return f.reassignUntil !== null && f.today <= f.reassignUntil;
      case 'register': return f.kind === 'suggestion';
      case 'place_on_agenda': case 'convert_to_suggestion': return f.kind === 'motion';
      case 'report_progress': return f.openCommitments > 0;
      case 'upgrade_answer': return f.openCommitments === 0;
      case 'unflag_key': return f.keySupervision;
      default: return true;
    }
  });
}

/** The offered actions with their labels, as the detail gives them. */
export function actionChoices(actions: readonly SuggestionAction[]) {
  return actions.map((action) => ({ action, label: SUGGESTION_RULES[action].label, needsComment: Boolean(SUGGESTION_RULES[action].needsComment) }));
}
