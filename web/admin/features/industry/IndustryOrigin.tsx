import { Alert } from 'antd';
import { Link } from 'react-router';
import { qs } from '../../../shared/api.js';
import { formatDate } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import type { IssueOrigin } from './types.js';

/**
 * The way back from a case or suggestion to the industry contact point's visit that found it
 * (its campaign and day); nothing when it came from none, or when the reader cannot see the point.
 */
export function IndustryOrigin({ caseId, suggestionId }: { caseId?: number; suggestionId?: number }) {
  const { l } = useI18n();
  const { can } = useSession();
  const origin = useApiQuery<{ items: IssueOrigin[] }>(can('industry.read') ? `/api/industry/issues${qs({ caseId, suggestionId })}` : null);
  const found = origin.data?.items ?? [];
  if (found.length === 0) return null;
  return (
    <>
      {found.map((o) => (
        <Alert
          key={o.issueId} type="info" showIcon
          title={(
            <span>
              {l('来自产业联系点走访:', 'Found on an industry contact point visit: ')}
              <Link to={`/industry/campaigns/${o.campaignId}`}>{o.campaignTitle}</Link>
              {` · ${o.stationName} · ${formatDate(o.visitedOn)} · ${o.summary}`}
            </span>
          )}
        />
      ))}
    </>
  );
}
