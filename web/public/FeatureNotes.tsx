import { Link } from 'react-router';
import { formatDateTime } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';

/** A case timeline entry as the tracking page reads it. */
interface Note { at: string; action: string; label: { zh: string; en: string }; note: string | null; link: string | null }

/** The notes other instruments leave on a case (a livelihood project, a consultation), each with its public page. */
const NOTE_GROUPS: { prefix: string; zh: string; en: string }[] = [
  { prefix: 'project_', zh: '民生实事项目', en: 'Livelihood project' },
  { prefix: 'consultation_', zh: '人大常委会议题征询', en: 'Standing-committee consultation' },
];

/**
 * 您的意见已纳入民生实事候选项目《…》 and what became of it: one box per instrument, above the
 * handling steps, each step with its date, the latest with a link to the public page.
 */
export function FeatureNotes({ notes }: { notes: Note[] }) {
  const { l, label } = useI18n();
  return (
    <>
      {NOTE_GROUPS.map((g) => {
        const mine = notes.filter((n) => n.action.startsWith(g.prefix));
        if (mine.length === 0) return null;
        const link = [...mine].reverse().find((n) => n.link)?.link ?? null;
        return (
          <section key={g.prefix} className="lx-note" aria-label={l(g.zh, g.en)} data-testid={`note-${g.prefix.slice(0, -1)}`}>
            {mine.map((n) => (
              <div key={`${n.action}-${n.at}`}>
                <div>{label(n.label)}{n.note && <strong>{n.note}</strong>}</div>
                <div className="lx-note-when">{formatDateTime(n.at)}</div>
              </div>
            ))}
            {link && <Link to={link}>{l('查看详情', 'Read more')}</Link>}
          </section>
        );
      })}
    </>
  );
}
