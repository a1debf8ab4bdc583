import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, List, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { REPLY_RESULTS } from '../../../../common/caseVocabulary.js';
import { ApiError, formFieldErrors, post, type Answer, type Schemas } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { apiKey, invalidateApi, queryClient } from '../../../shared/query.js';
import { FilePicker, filesBody, sizeText, type PickedFile } from '../../kit/FilePicker.js';

type CaseReply = Schemas['CaseReply'];

/** As the server checks them: at most 6 files, 20 MB in all. */
const FILE_LIMITS = { maxFiles: 6, maxBytes: 20 * 1024 * 1024, per: 'all' } as const;

/**
 * The unit's reply (办复): the result type, the handler and a contact, the reply text, and files
 * (the reply letter as PDF, photos of the work), each marked public (the constituent sees it
 * once the station approves the reply) or internal. Sent as one action: all or nothing.
 */
export function CaseReplyDialog({ caseId, open, onClose }: { caseId: number; open: boolean; onClose: () => void }) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const url = `/api/cases/${caseId}`;

  function close() {
    setFiles([]);
    form.resetFields();
    onClose();
  }

  async function submit(values: { result: string; handlerName: string; handlerContact: string; comment: string }) {
    setBusy(true);
    try {
      const answer = await post<Answer<'/api/cases/{id}/actions/{action}', 'post'>>(`${url}/actions/reply`, {
        ...values, attachments: filesBody(files),
      });
      if (answer.case) queryClient.setQueryData(apiKey(url), answer.case);
      void invalidateApi('/api/cases', '/api/statistics', '/api/notifications', '/api/todo');
      message.success(l('已办复,等待联络站审核', 'Replied; waiting for the station\'s review'));
      close();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) form.setFields(formFieldErrors(err));
      else message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open} title={l('办复', 'Reply')} onCancel={close} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden
      okText={l('提交办复', 'Send the reply')} cancelText={l('取消', 'Cancel')}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="reply-form">
        <Form.Item name="result" label={l('办理结果', 'Result')} rules={[{ required: true, message: l('请选择办理结果', 'Choose the result') }]}>
          <Radio.Group optionType="button" options={REPLY_RESULTS.keys.map((k) => ({ value: k, label: label(REPLY_RESULTS.labels[k]) }))} />
        </Form.Item>
        <Space wrap size={[16, 0]}>
          <Form.Item name="handlerName" label={l('承办人', 'Handled by')} rules={[{ required: true, whitespace: true, message: l('请填写承办人', 'Name the handler') }]}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item name="handlerContact" label={l('联系电话', 'Contact')} rules={[{ required: true, whitespace: true, message: l('请填写联系电话', 'Give a contact') }]}>
            <Input maxLength={50} autoComplete="off" inputMode="tel" />
          </Form.Item>
        </Space>
        <Form.Item name="comment" label={l('办理情况', 'What was done')} rules={[{ required: true, whitespace: true, message: l('请填写办理情况', 'Describe what was done') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          label={l('附件(答复函 PDF、现场照片)', 'Files (the reply letter as PDF, photos)')}
          extra={l('最多 6 个,合计 20 MB。标为“公开”的附件在审核通过后群众可查看下载;“内部”仅办理人员可见。',
            'Up to 6 files, 20 MB in all. Files marked public are shown to the constituent once the reply is approved; internal ones to the people handling the case only.')}
        >
          <FilePicker files={files} onChange={setFiles} limits={FILE_LIMITS} testId="reply-files" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const STATUS: Record<CaseReply['status'], { color: string; zh: string; en: string }> = {
  pending: { color: 'gold', zh: '待审核', en: 'Under review' },
  approved: { color: 'green', zh: '审核通过', en: 'Approved' },
  sent_back: { color: 'red', zh: '已退回重办', en: 'Sent back' },
};

/** The unit's latest reply on the case page: result, handler and contact, and every file, public or internal. */
export function CaseReplyCard({ reply }: { reply: CaseReply | null }) {
  const { l, label } = useI18n();
  if (!reply) return null;
  const status = STATUS[reply.status];
  return (
    <Card title={l('办复情况', 'The unit\'s reply')} extra={<Tag color={status.color}>{l(status.zh, status.en)}</Tag>} data-testid="case-reply">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={l('办理结果', 'Result')}>
          {reply.resultLabel ? <Tag color={reply.result === 'resolved' ? 'green' : 'blue'}>{label(reply.resultLabel)}</Tag> : l('未填写', 'Not given')}
        </Descriptions.Item>
        <Descriptions.Item label={l('办复时间', 'Replied')}>{formatDateTime(reply.at)}</Descriptions.Item>
        <Descriptions.Item label={l('承办人', 'Handled by')}>{reply.handlerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={l('联系电话', 'Contact')}>{reply.handlerContact ?? '—'}</Descriptions.Item>
      </Descriptions>
      {reply.attachments.length > 0 && (
        <List
          size="small" dataSource={reply.attachments}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <PaperClipOutlined />
                <a href={a.url} target="_blank" rel="noreferrer">{a.name}</a>
                <Typography.Text type="secondary">{sizeText(a.size)}</Typography.Text>
                <Tag color={a.public ? 'green' : 'default'}>{a.public ? l('公开', 'Public') : l('内部', 'Internal')}</Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/**
 * 查看联系方式: for the deputy who must answer the constituent, whose name and phone are masked.
 * Asks first (each reveal is written to the audit log), then shows them in place.
 */
export function ContactReveal({ caseId }: { caseId: number }) {
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const [shown, setShown] = useState<{ name: string | null; phone: string | null } | null>(null);
  if (shown) {
    return (
      <div data-testid="revealed-contact">
        <Typography.Text>{shown.name ?? l('匿名', 'Anonymous')} </Typography.Text>
        {shown.phone ? <a href={`tel:${shown.phone}`}>{shown.phone}</a> : '—'}
        <Typography.Text type="secondary"> {l('(本次查看已记入审计日志)', '(this view is in the audit log)')}</Typography.Text>
      </div>
    );
  }
  function ask() {
    modal.confirm({
      title: l('查看联系方式', 'See the contact details'),
      content: l('将显示提出人的姓名和完整电话,用于向群众反馈办理结果。本次查看将记入审计日志。',
        'The submitter\'s name and full phone number will be shown, to answer her. This is written to the audit log.'),
      okText: l('查看', 'Show'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        try {
          setShown(await post<Answer<'/api/cases/{id}/contact', 'post'>>(`/api/cases/${caseId}/contact`));
        } catch (err) {
          message.error(err instanceof Error ? err.message : String(err));
        }
      },
    });
  }
  return <Button size="small" type="link" onClick={ask} data-testid="reveal-contact">{l('查看联系方式', 'See contact details')}</Button>;
}
