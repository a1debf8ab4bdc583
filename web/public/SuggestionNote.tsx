import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../shared/api.js';
import { formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import type { PublicSuggestion } from './suggestionTypes.js';

/** A case timeline entry; those about a deputy's suggestion are `suggestion_included` and `suggestion_answered`, with the suggestion's id. */
interface Note { at: string; action: string; note: string | null; suggestionId: number | null }

/**
 * 您的意见已纳入代表建议《…》: told apart from the handling steps, above them, with a link to the
 * suggestion's public page once it is published (registered and not kept from the public).
 * Until then the public page answers 404, and the note says it can be read once published.
 */
export function SuggestionNote({ notes }: { notes: Note[] }) {
  const { l } = useI18n();
  const included = notes.find((n) => n.action === 'suggestion_included');
  const answered = notes.find((n) => n.action === 'suggestion_answered');
  const title = included?.note ?? answered?.note ?? null;
  const suggestionId = included?.suggestionId ?? answered?.suggestionId ?? null;
  const found = useQuery({
    queryKey: ['api', `/api/public/suggestions/${suggestionId}`],
    queryFn: () => get<PublicSuggestion>(`/api/public/suggestions/${suggestionId}`),
    enabled: suggestionId !== null,
    retry: false,
  });
  if (!included && !answered) return null;
  const published = found.data;
  return (
    <section className="lx-note" aria-label={l('代表建议', 'Deputy’s suggestion')} data-testid="suggestion-note">
      <div>
        {l('您反映的意见已由人大代表纳入代表建议', 'Your opinion was taken up by a deputy in a suggestion to the congress')}
        {title && <strong>{title}</strong>}
      </div>
      {included && <div className="lx-note-when">{l('纳入时间', 'Taken up')} {formatDateTime(included.at)}</div>}
      {answered && <div className="lx-note-when">{l('该建议已由承办单位答复', 'The suggestion has been answered')} · {formatDateTime(answered.at)}</div>}
      {published
        ? <Link to={`/suggestions/${published.id}`}>{l('查看建议及办理答复', 'Read the suggestion and its answer')}</Link>
        : <div className="lx-note-when">{l('建议经人大常委会立案并公开后,可在此查看', 'It can be read here once the congress registers and publishes it')}</div>}
    </section>
  );
}
