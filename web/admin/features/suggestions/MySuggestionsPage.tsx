import { EditOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { post } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { useApiMutation, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';
import { RequireAbility } from '../../kit/common.js';
import { KIND_LABELS, SIGNER_STATUS } from './labels.js';
import type { SuggestionDetail, SuggestionListItem, SuggestionPage } from './draftTypes.js';

/**
 * An invitation to co-sign (附议): the draft's title, its lead deputy and what it asks, read in
 * full on its page, answered here in the deputy's own account.
 */
function Invitation({ item, deputyId }: { item: SuggestionListItem; deputyId: number }) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const detail = useApiQuery<SuggestionDetail>(`/api/suggestions/${item.id}`).data;
  const mine = detail?.signers.find((s) => s.deputyId === deputyId);
  const answer = useApiMutation(
    (action: 'cosign' | 'decline_cosign') => post(`/api/suggestions/${item.id}/actions`, { action }),
    ['/api/suggestions', '/api/todo', '/api/notifications'],
  );
  const reply = async (action: 'cosign' | 'decline_cosign') => {
    try {
      await answer.mutateAsync(action);
      message.success(action === 'cosign' ? l('已确认附议', 'You co-sign it') : l('已回复不附议', 'You declined'));
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="invitation">
      <Typography.Paragraph strong style={{ marginBottom: 4 }}><Tag color="red">{label(KIND_LABELS[item.kind])}</Tag>{item.title}</Typography.Paragraph>
      <Typography.Text type="secondary">{l(`${item.leadDeputy.name} 代表领衔,邀请您附议`, `${item.leadDeputy.name} invites you to co-sign`)}</Typography.Text>
      {detail && (
        <>
          <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: l('展开', 'More') }} style={{ margin: '8px 0 0' }}>{detail.proposals}</Typography.Paragraph>
          <Link to={`/suggestions/${item.id}`}>{l('查看全文', 'Read it all')}</Link>
        </>
      )}
      <div style={{ marginTop: 8 }}>
        {mine?.status === 'invited' ? (
          <Space wrap>
            <Button type="primary" loading={answer.isPending} onClick={() => void reply('cosign')}>{l('确认附议', 'Co-sign')}</Button>
            <Button loading={answer.isPending} onClick={() => void reply('decline_cosign')}>{l('不附议', 'Decline')}</Button>
          </Space>
        ) : mine && <Tag color={SIGNER_STATUS[mine.status].color}>{label(SIGNER_STATUS[mine.status])}</Tag>}
      </div>
    </Card>
  );
}

/** A suggestion in the deputy's lists: a draft opens for editing, anything else on its page. */
function Row({ s, lead }: { s: SuggestionListItem; lead: boolean }) {
  const { l, label } = useI18n();
  const draft = s.state === 'draft';
  return (
    <List.Item style={{ paddingInline: 0 }}>
      <Link to={draft && lead ? `/my-suggestions/${s.id}/edit` : `/suggestions/${s.id}`} style={{ display: 'flex', width: '100%', alignItems: 'center', gap: 8, minHeight: 44 }}>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Space size={4} wrap>
            <Tag color={draft ? 'gold' : s.overdue ? 'red' : 'blue'}>{label(s.stateLabel)}</Tag>
            <Tag>{label(KIND_LABELS[s.kind])}</Tag>
            {s.numberLabel && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.numberLabel}</Typography.Text>}
          </Space>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0', color: '#1f1f1f' }}>{s.title}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {lead ? l(`附议 ${s.cosignerCount} 人`, `${s.cosignerCount} co-signers`) : l(`${s.leadDeputy.name} 领衔`, `Led by ${s.leadDeputy.name}`)}
            {' · '}{s.categoryName}{' · '}{formatDateTime(s.submittedAt ?? s.updatedAt)}
          </Typography.Text>
        </div>
        {draft && lead ? <EditOutlined aria-hidden style={{ color: '#8c8c8c' }} /> : <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} />}
      </Link>
    </List.Item>
  );
}

/**
 * 我的建议: a deputy's suggestions and motions — the invitations to co-sign waiting for an
 * answer first, then those the deputy leads (drafts open for editing), then those co-signed —
 * and the way to draft a new one. A column of cards on a phone.
 */
export function MySuggestionsPage() {
  const { l } = useI18n();
  const { me } = useSession();
  const deputyId = me!.scope.deputy?.id ?? 0;
  const query = useApiQuery<SuggestionPage>('/api/suggestions?pageSize=100');
  const items = query.data?.items ?? [];
  const led = items.filter((s) => s.leadDeputy.id === deputyId);
  const others = items.filter((s) => s.leadDeputy.id !== deputyId);
  const invitations = others.filter((s) => s.state === 'draft');
  const cosigned = others.filter((s) => s.state !== 'draft');
  const empty = (text: string) => ({ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} /> });
  return (
    <RequireAbility ability="suggestion.draft">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Link to="/my-suggestions/new"><Button type="primary" block size="large" icon={<PlusOutlined />}>{l('起草代表建议', 'Draft a suggestion')}</Button></Link>
        {query.error && <Alert type="error" showIcon title={query.error.message} />}
        {invitations.length > 0 && (
          <section aria-label={l('邀请我附议', 'Invitations to co-sign')}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{l(`邀请我附议(${invitations.length})`, `Invitations to co-sign (${invitations.length})`)}</Typography.Title>
            {invitations.map((s) => <Invitation key={s.id} item={s} deputyId={deputyId} />)}
          </section>
        )}
        <Card size="small" title={l(`我领衔的(${led.length})`, `Led by me (${led.length})`)} loading={query.isLoading}>
          <List dataSource={led} locale={empty(l('还没有领衔的建议', 'None yet'))} renderItem={(s) => <Row key={s.id} s={s} lead />} />
        </Card>
        <Card size="small" title={l(`我附议的(${cosigned.length})`, `Co-signed (${cosigned.length})`)} loading={query.isLoading}>
          <List dataSource={cosigned} locale={empty(l('还没有附议的建议', 'None yet'))} renderItem={(s) => <Row key={s.id} s={s} lead={false} />} />
        </Card>
      </Space>
    </RequireAbility>
  );
}
