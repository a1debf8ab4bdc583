import { UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space, Typography } from 'antd';
import { post, type Answer, type Schemas } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, queryClient, useApiQuery } from '../../../shared/query.js';
import { useSession } from '../../app/session.js';

type LookupStatus = Schemas['CaseLookupStatus'];

/**
 * The constituent's look-up of a case (code + PIN or phone digits), when failed guesses have
 * locked it: who may unlock it (admin, staff, officers of the case) see it here and unlock it
 * once the submitter has proved who she is, e.g. on the phone. The unlock is audited.
 */
export function LookupUnlock({ caseId }: { caseId: number }) {
  const { l } = useI18n();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const url = can('case.lookup') ? `/api/cases/${caseId}/lookup` : null;
  const { data } = useApiQuery<LookupStatus>(url);
  if (!url || !data?.locked) return null;

  function ask() {
    modal.confirm({
      title: l('解锁群众查询', 'Unlock the constituent\'s look-up'),
      content: l('请先核实来电或来访者确为该意见的提出人(如核对姓名、手机号和反映内容)。解锁后可再次凭受理编号和查询码查询。本次操作将记入审计日志。',
        'First make sure the caller or visitor is the person who submitted this case (name, phone, what she wrote). After unlocking, the code and PIN work again. This is written to the audit log.'),
      okText: l('解锁', 'Unlock'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        try {
          const next = await post<Answer<'/api/cases/{id}/lookup/unlock', 'post'>>(`/api/cases/${caseId}/lookup/unlock`);
          queryClient.setQueryData(apiKey(url!), next);
          message.success(l('已解锁', 'Unlocked'));
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });
  }

  return (
    <Alert
      type="warning" showIcon data-testid="lookup-locked"
      message={l('群众查询已锁定', 'The constituent\'s look-up is locked')}
      description={(
        <Space direction="vertical" size={4}>
          <Typography.Text>
            {l(`凭受理编号查询连续失败 ${data.failures} 次(累计 ${data.totalFailures} 次),${data.lockedAt ? formatDateTime(data.lockedAt) : ''} 起锁定。`,
              `${data.failures} failed look-ups in a row (${data.totalFailures} in all) locked it${data.lockedAt ? ` at ${formatDateTime(data.lockedAt)}` : ''}. `)}
            {data.linkUnlocks
              ? l('提出人用完整查询链接打开即可自行解锁。', 'Opening the full link unlocks it too.')
              : l('失败次数已达上限,只能由工作人员解锁。', 'It has failed too often: only staff can unlock it now.')}
          </Typography.Text>
          <Button size="small" icon={<UnlockOutlined />} onClick={ask} data-testid="lookup-unlock">{l('核实身份后解锁', 'Unlock after checking who she is')}</Button>
        </Space>
      )}
    />
  );
}
