import { Alert, Tag, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import type { Schemas } from '../../../shared/api.js';

export type CalendarStatus = Schemas['CalendarStatus'];

/**
 * The 暂定 tag beside a deadline counted over a year whose official holiday schedule is not
 * entered yet: statutory holidays only, recomputed when the schedule arrives.
 */
export function ProvisionalTag({ show }: { show: boolean | undefined }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <Tooltip title={t('deadlineProvisionalHint')}>
      <Tag color="orange" style={{ marginInlineStart: 4 }}>{t('deadlineProvisional')}</Tag>
    </Tooltip>
  );
}

/**
 * The reminder administrators and staff see from 1 October until next year's holiday schedule is
 * entered (and at once when even this year's is missing). The server decides whether it is due
 * and for whom (`GET /api/calendar/status`); it is read again on each page change.
 */
export function CalendarBanner() {
  const { l } = useI18n();
  const { me, can } = useSession();
  const location = useLocation();
  const asked = can('calendar.read') && (me?.role === 'admin' || me?.role === 'staff');
  // A reminder only: an error leaves it out, never in the way.
  const status = useApiQuery<CalendarStatus>(asked ? '/api/calendar/status' : null).data;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    void invalidateApi('/api/calendar/status');
  }, [location.pathname]);
  // The holidays page says it in full itself.
  if (!asked || !status?.bannerYear || location.pathname.startsWith('/holidays')) return null;
  const year = status.bannerYear;
  const editable = can('calendar.update');
  return (
    <Alert
      type="warning" showIcon style={{ marginBottom: 12 }}
      message={l(`${year} 年放假安排尚未录入`, `The ${year} holiday schedule has not been entered`)}
      description={
        <>
          {l(
            `涉及 ${year} 年的办理期限暂按法定节假日计算(不含调休),标为"暂定";录入国务院放假安排后自动重新计算。`,
            `Deadlines reaching into ${year} count the statutory holidays only (no makeup working days) and are marked provisional; they are recomputed when the State Council's schedule is entered.`,
          )}
          {status.provisionalDeadlines > 0 && l(` 目前有 ${status.provisionalDeadlines} 件办理期限为暂定。`, ` ${status.provisionalDeadlines} running deadlines are provisional now.`)}
          {' '}
          <Link to={`/holidays?year=${year}`} style={{ textDecoration: 'underline' }}>
            {editable ? l('前往录入', 'Enter the schedule') : l('查看节假日安排(由系统管理员录入)', 'See the holiday schedule (entered by an administrator)')}
          </Link>
        </>
      }
    />
  );
}
