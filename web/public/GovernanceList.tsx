import { List, Tag } from 'antd-mobile';
import { CROSS_PROVINCE_ISSUE_CATEGORIES, CROSS_PROVINCE_ISSUE_STATUSES } from '../../common/crossProvince.js';
import type { Schemas } from '../shared/api.js';
import { formatDate } from '../shared/format.js';
import { useI18n } from '../shared/i18n.js';
import { useApiQuery } from '../shared/query.js';

type Published = Schemas['PublicCrossProvinceIssues'];
const STATUS_COLOURS = { open: 'default', in_progress: 'primary', resolved: 'success' } as const;

/**
 * The joint governance list (协同治理清单) a cross-province station publishes to all its sides and
 * the public: each cross-border issue with its category, the sides responsible, its deadline, its
 * status and the latest progress, without personal data (the server masks it).
 */
export function GovernanceList({ stationId }: { stationId: number }) {
  const { l, label } = useI18n();
  const query = useApiQuery<Published>(`/api/public/cross-province/stations/${stationId}/issues`);
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <List header={l('协同治理清单', 'Joint governance list')} data-testid="public-governance-list">
      {items.map((i) => {
        const last = i.progress.at(-1);
        return (
          <List.Item
            key={i.id}
            extra={<Tag color={STATUS_COLOURS[i.status]} fill="outline">{label(CROSS_PROVINCE_ISSUE_STATUSES.labels[i.status])}</Tag>}
            description={
              <>
                <div>{label(CROSS_PROVINCE_ISSUE_CATEGORIES.labels[i.category])} · {l('责任方', 'Sides')}: {i.sides.join(l('、', ', '))}
                  {i.deadline && <> · {l(`期限 ${formatDate(i.deadline)}`, `Due ${formatDate(i.deadline)}`)}</>}</div>
                {last && <div>{formatDate(last.at)} {last.body}</div>}
              </>
            }
          >
            {i.title}
          </List.Item>
        );
      })}
    </List>
  );
}
