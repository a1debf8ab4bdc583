import { DownOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Dropdown, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { post } from '../../../shared/api.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import { RatingTag } from '../cases/caseFacts.js';
import { ActionDialog, asksFor } from './ActionDialog.js';
import { AnswerCategoryTag } from './facts.js';
import { KIND_LABELS } from './labels.js';
import { IndustryOrigin } from '../industry/IndustryOrigin.js';
import {
  AnswersCard, ContactsCard, FilesCard, RatingsCard, SignersCard, SourcesCard, SuggestionFacts, TimelineCard, UnitsCard,
} from './SuggestionRecord.js';
import type { SuggestionActionOffer, SuggestionDetail } from './types.js';

/** On a phone, the actions shown as buttons; the rest sit in a "more" menu, so the header keeps its height. */
const PHONE_BUTTONS = 2;
/** Changing a draft and inviting co-signers: done on the drafting page, offered there as one button. */
const DRAFTING = new Set(['edit', 'invite']);
/** Actions that end or undo something: asked again before they are sent. */
const CAREFUL = new Set(['withdraw', 'decline_cosign', 'unflag_key']);

/**
 * The step each part is there for comes first (the primary button, and one of the two a phone
 * shows): the answer before a reassignment request, the rating, the review, the assignment;
 * supervision and annotations after them, in the rule table's order.
 */
const MAIN_STEPS: readonly string[] = [
  'submit', 'cosign', 'register', 'place_on_agenda', 'assign', 'grant_reassignment', 'answer', 'send_view', 'rate', 'add_rating',
  'report_progress', 'upgrade_answer', 'record_contact', 'edit',
];
const rank = (action: string) => { const i = MAIN_STEPS.indexOf(action); return i < 0 ? MAIN_STEPS.length : i; };

/**
 * One suggestion or motion: every fact about it (number, congress and session, signers, the
 * cases and activities it grows from, units and their parts and views, reassignment requests,
 * contacts, answer letters with their commitments, ratings, files), its timeline, and the actions
 * the reader may take now, as the server lists them for the reader's part. Works on a phone.
 */
export function SuggestionDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { l, label } = useI18n();
  const { message, modal } = App.useApp();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const query = useApiQuery<SuggestionDetail>(`/api/suggestions/${id}`);
  const [action, setAction] = useState<SuggestionActionOffer | null>(null);
  const s = query.data ?? null;

  /** An action that asks for nothing: confirmed, then sent. */
  function confirm(a: SuggestionActionOffer) {
    modal.confirm({
      title: label(a.label),
      content: CAREFUL.has(a.action) ? l('此操作不可撤销,确定继续吗?', 'This cannot be undone. Go on?') : l(`确定${label(a.label)}吗?`, `${label(a.label)}?`),
      okText: l('确定', 'OK'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        try {
          await post(`/api/suggestions/${id}/actions`, { action: a.action });
          message.success(l(`已${label(a.label)}`, `Done: ${label(a.label)}`));
          await invalidateApi('/api/suggestions', '/api/notifications', '/api/todo');
        } catch (err) {
          showError(err, message);
        }
      },
    });
  }
  function open(a: SuggestionActionOffer) {
    // A draft's text and its co-signers are changed on the drafting page.
    if (DRAFTING.has(a.action)) navigate(`/my-suggestions/${id}/edit`);
    else if (asksFor(a)) setAction(a);
    else confirm(a);
  }

  const crumbs = (
    <Breadcrumb items={[{ title: <Link to="/suggestions">{l('代表建议', 'Suggestions')}</Link> }, { title: s?.numberLabel ?? s?.title ?? l('建议', 'Suggestion') }]} />
  );
  if (query.error) return <Space direction="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon message={query.error.message} /></Space>;
  if (!s) return crumbs;
  const actions = s.actions.filter((a) => a.action !== 'invite' || !s.actions.some((b) => b.action === 'edit'))
    .sort((a, b) => rank(a.action) - rank(b.action));
  const buttons = narrow ? actions.slice(0, PHONE_BUTTONS) : actions;
  const more = narrow ? actions.slice(PHONE_BUTTONS) : [];
  return (
    // A plain column, not a Space: a sticky header sticks only within its parent, which must be the page's column.
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
      {crumbs}
      <header
        data-testid="suggestion-header"
        style={{
          position: 'sticky', top: 0, zIndex: 10, background: '#fff', padding: narrow ? '8px 12px' : '12px 16px',
          border: '1px solid #f0f0f0', borderRadius: 8, display: 'flex', flexDirection: 'column', gap: 8,
        }}
      >
        <Typography.Title level={2} style={{ margin: 0, fontSize: narrow ? 17 : 20 }}>{s.title}</Typography.Title>
        <Space wrap size={[8, 4]}>
          {s.numberLabel && <Typography.Text type="secondary">{s.numberLabel}</Typography.Text>}
          {s.kind === 'motion' && <Tag color="purple">{label(KIND_LABELS.motion)}</Tag>}
          <Tag color="blue" data-testid="suggestion-state">{label(s.stateLabel)}</Tag>
          {s.keySupervision && <Tag color="volcano">{l('重点督办', 'Key supervision')}</Tag>}
          <AnswerCategoryTag category={s.answerCategory} short />
          {s.rating && <RatingTag rating={s.rating} />}
        </Space>
        {actions.length > 0 && (
          <Space wrap size={[8, 8]}>
            {buttons.map((a, i) => <Button key={a.action} type={i === 0 ? 'primary' : 'default'} onClick={() => open(a)}>{label(a.label)}</Button>)}
            {more.length > 0 && (
              <Dropdown
                trigger={['click']}
                menu={{ items: more.map((a) => ({ key: a.action, label: label(a.label) })), onClick: ({ key }) => { const a = more.find((m) => m.action === key); if (a) open(a); } }}
              >
                <Button>{l('更多操作', 'More actions')} <DownOutlined /></Button>
              </Dropdown>
            )}
          </Space>
        )}
      </header>
      <IndustryOrigin suggestionId={Number(id)} />
      <SuggestionFacts s={s} />
      <SignersCard s={s} />
      <SourcesCard s={s} />
      <UnitsCard s={s} />
      <ContactsCard s={s} />
      <AnswersCard s={s} />
      <RatingsCard s={s} />
      <FilesCard s={s} />
      <TimelineCard s={s} />
      <ActionDialog s={s} action={action} onClose={() => setAction(null)} />
    </div>
  );
}
