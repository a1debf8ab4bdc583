import { DesktopOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Col, Form, Input, InputNumber, List, Modal, Progress, Radio, Row, Select, Space, Statistic, Tag, Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { post, put, qs } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useKeysetQuery } from '../../kit/useKeysetQuery.js';
import { useFormWrite, useWriteErrors } from '../../kit/writeErrors.js';
import { RATING, RATINGS, type Rating } from './labels.js';
import type { Counts, EvaluationRow, ReportBack } from './types.js';

export const refreshReportBack = (id: number) => invalidateApi(`/api/report-backs/${id}`, '/api/report-backs');

/** 满意 / 基本满意 / 不满意 with their counts and shares, the channels, and the satisfied rate. */
export function CountsRow({ counts, satisfiedPercent, big = false }: { counts: Counts; satisfiedPercent: number | null; big?: boolean }) {
  const { l, label } = useI18n();
  const size = big ? 48 : undefined;
  return (
    <div data-testid="evaluation-counts"><Row gutter={[12, 12]}>
      <Col xs={12} md={4}><Statistic title={l('评议总数', 'Evaluations')} value={counts.total} valueStyle={{ fontSize: size, color: '#b71c1c' }} /></Col>
      {RATINGS.map(([key, name]) => (
        <Col key={key} xs={12} md={4}><Statistic title={label(name)} value={counts[key]} valueStyle={{ fontSize: size }} /></Col>
      ))}
      <Col xs={12} md={4}><Statistic title={l('满意率(含基本满意)', 'Satisfied (incl. mostly)')} value={satisfiedPercent === null ? '—' : `${satisfiedPercent}%`} valueStyle={{ fontSize: size }} /></Col>
      <Col xs={24} md={4}><Typography.Text type="secondary">{l(`扫码 ${counts.qr} · 纸质 ${counts.paper}`, `QR ${counts.qr} · paper ${counts.paper}`)}</Typography.Text></Col>
    </Row></div>
  );
}

interface PaperValues { forms: { rating: Rating; comment?: string; phone?: string }[] }

/** 录入纸质评议表: the paper forms collected at the meeting, several at once; a form whose phone number already evaluated is refused, the rest entered. */
function PaperDialog({ rb, open, onClose }: { rb: ReportBack; open: boolean; onClose(): void }) {
  const { l, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PaperValues>();
  const { busy, run } = useFormWrite(form);
  const save = (v: PaperValues) => run(async () => {
    const answer = await post<{ created: number; refused: { index: number; code: string }[] }>(`/api/report-backs/${rb.id}/evaluations/paper`, {
      forms: v.forms.map((f) => ({ rating: f.rating, comment: f.comment?.trim() || undefined, phone: f.phone?.trim() || undefined })),
    });
    if (answer.refused.length) {
      message.warning(l(`${answer.refused.length} 份因手机号已评议未录入(第 ${answer.refused.map((r) => r.index + 1).join('、')} 份)`,
        `${answer.refused.length} refused, the phone had already evaluated (no. ${answer.refused.map((r) => r.index + 1).join(', ')})`));
    }
    form.resetFields();
    onClose();
    await refreshReportBack(rb.id);
  }, l('纸质评议表已录入', 'Paper forms entered'));
  return (
    <Modal
      open={open} title={l('录入纸质评议表', 'Enter paper forms')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={l('录入', 'Enter')} cancelText={l('取消', 'Cancel')} width={720} destroyOnHidden
    >
      <Form<PaperValues> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ forms: [{}] }}>
        <Form.List name="forms">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={l(`第 ${i + 1} 份`, `Form ${i + 1}`)}
                  extra={fields.length > 1 && <Button type="link" danger onClick={() => remove(f.name)}>{l('删除', 'Remove')}</Button>}>
                  <Form.Item name={[f.name, 'rating']} label={l('评价', 'Rating')} rules={[{ required: true, message: l('请选择评价', 'Choose a rating') }]}>
                    <Radio.Group optionType="button" aria-label={l(`第 ${i + 1} 份评价`, `Rating of form ${i + 1}`)} options={RATINGS.map(([value, name]) => ({ value, label: label(name) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'comment']} label={l('意见建议', 'Comments')}><Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} /></Form.Item>
                  <Form.Item name={[f.name, 'phone']} label={l('手机号(表上填写的,选填,用于防止重复)', 'Mobile on the form (optional; stops duplicates)')}><Input type="tel" maxLength={20} /></Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} block>{l('再加一份', 'Another form')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** 到会群众人数: entered by the staff, compared with the count of evaluations. */
function HeadcountDialog({ rb, open, onClose }: { rb: ReportBack; open: boolean; onClose(): void }) {
  const { l } = useI18n();
  const [form] = Form.useForm<{ headcount: number }>();
  const { busy, run } = useFormWrite(form);
  const save = (v: { headcount: number }) => run(async () => {
    await put(`/api/report-backs/${rb.id}/attendance`, { headcount: v.headcount });
    onClose();
    await refreshReportBack(rb.id);
  }, l('已保存', 'Saved'));
  return (
    <Modal open={open} title={l('到会群众人数', 'Constituents present')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okText={l('保存', 'Save')} cancelText={l('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => void save(v)} initialValues={{ headcount: rb.headcount ?? undefined }}>
        <Form.Item name="headcount" label={l('签到人数', 'Signed in')} rules={[{ required: true, message: l('请填写人数', 'Enter the number') }]}
          extra={l('评议份数多于到会人数时,页面会提示核查', 'When there are more evaluations than people present, the page warns')}>
          <InputNumber min={0} max={100000} style={{ width: 160 }} aria-label={l('到会群众人数', 'Constituents present')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The comments and ratings received, newest first; a comment can be put on the issue list. */
function Comments({ rb, onIssue }: { rb: ReportBack; onIssue?(e: EvaluationRow): void }) {
  const { l, label } = useI18n();
  const [rating, setRating] = useState('');
  const list = useKeysetQuery<EvaluationRow>(`/api/report-backs/${rb.id}/evaluations${qs({ rating })}`, 10);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        value={rating} onChange={setRating} style={{ width: 180 }} aria-label={l('按评价筛选', 'Filter by rating')}
        options={[{ value: '', label: l('全部评价', 'All ratings') }, ...RATINGS.map(([value, name]) => ({ value, label: label(name) }))]}
      />
      <div data-testid="evaluation-comments"><List<EvaluationRow>
        size="small" loading={list.loading} dataSource={list.items}
        locale={{ emptyText: l('还没有评议', 'No evaluations yet') }}
        renderItem={(e) => (
          <List.Item
            actions={onIssue && e.comment && !e.issueId ? [<Button key="issue" size="small" onClick={() => onIssue(e)}>{l('列入问题清单', 'Put on the issue list')}</Button>] : undefined}
          >
            <div style={{ flex: 1, minWidth: 0 }}>
              <Space size={[8, 4]} wrap>
                <Tag color={RATING[e.rating]?.color}>{label(e.ratingLabel)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label(e.channelLabel)} · {formatDateTime(e.at)}</Typography.Text>
                {e.issueId && <Tag>{l('已列入问题清单', 'On the issue list')}</Tag>}
              </Space>
              {e.comment && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.comment}</Typography.Paragraph>}
            </div>
          </List.Item>
        )}
      /></div>
      {list.pager}
    </Space>
  );
}

/**
 * 群众评议: the staff open the evaluation at the meeting (the QR code for the projector screen
 * and to download), see the count rise, enter the paper forms, close it; the results with
 * their counts and comments. More evaluations than constituents present is warned about.
 */
export function EvaluationCard({ rb, onIssue }: { rb: ReportBack; onIssue?(e: EvaluationRow): void }) {
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const [paper, setPaper] = useState(false);
  const [headcount, setHeadcount] = useState(false);
  const e = rb.evaluation;
  const can = (a: string) => rb.actions.includes(a);

  function step(path: 'open' | 'close') {
    const zh = path === 'open' ? '开始评议' : '结束评议';
    modal.confirm({
      title: l(zh, path === 'open' ? 'Open the evaluation' : 'Close the evaluation'),
      content: path === 'open'
        ? l('开始后,到会群众扫描二维码即可评议(默认 3 小时后自动结束)。', 'Once open, the constituents present scan the code and evaluate (it closes by itself after 3 hours by default).')
        : l('结束后不再接收扫码评议,仍可录入纸质评议表。', 'No more evaluations by QR; paper forms can still be entered.'),
      okText: l('确定', 'OK'), cancelText: l('取消', 'Cancel'),
      onOk: async () => {
        try {
          await post(`/api/report-backs/${rb.id}/evaluation/${path}`, {});
          message.success(l(`已${zh}`, path === 'open' ? 'The evaluation is open' : 'The evaluation is closed'));
          await refreshReportBack(rb.id);
        } catch (err) {
          showError(err, message);
        }
      },
    });
  }

  const ratio = rb.headcount ? Math.min(100, Math.round((e.counts.total / rb.headcount) * 100)) : null;
  return (
    <Card
      size="small" data-testid="evaluation"
      title={<Space><QrcodeOutlined />{l('群众评议', 'Constituents\' evaluation')}{e.open ? <Tag color="green">{l('评议中', 'Open')}</Tag> : e.closedAt ? <Tag>{l('已结束', 'Closed')}</Tag> : null}</Space>}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          {(can('open_evaluation') || can('reopen_evaluation')) && <Button type="primary" size={narrow ? 'large' : 'middle'} onClick={() => step('open')}>{e.closedAt ? l('重新开启评议', 'Reopen the evaluation') : l('开始评议', 'Open the evaluation')}</Button>}
          {can('close_evaluation') && <Button size={narrow ? 'large' : 'middle'} onClick={() => step('close')}>{l('结束评议', 'Close the evaluation')}</Button>}
          {e.publicUrl && <Link to={`/report-backs/${rb.id}/screen`}><Button icon={<DesktopOutlined />}>{l('投屏二维码', 'QR screen for the projector')}</Button></Link>}
          {e.publicUrl && <a href={`/api/report-backs/${rb.id}/qr.png`} download={`${rb.title}-评议二维码.png`}>{l('下载二维码图片', 'Download the QR image')}</a>}
          {can('enter_paper') && <Button onClick={() => setPaper(true)}>{l('录入纸质评议表', 'Enter paper forms')}</Button>}
          {can('edit_attendance') && <Button onClick={() => setHeadcount(true)}>{l('到会人数', 'Constituents present')}</Button>}
        </Space>
        <Typography.Text type="secondary">
          {e.openedAt ? l(`开始于 ${formatDateTime(e.openedAt)}`, `Opened ${formatDateTime(e.openedAt)}`) : l('尚未开始评议', 'Not opened yet')}
          {e.open && e.closesAt && l(`,${formatDateTime(e.closesAt)} 自动结束`, `, closes by itself at ${formatDateTime(e.closesAt)}`)}
          {e.closedAt && l(`,结束于 ${formatDateTime(e.closedAt)}`, `, closed ${formatDateTime(e.closedAt)}`)}
          {' · '}{rb.headcount === null ? l('未录入到会人数', 'Constituents present not entered') : l(`到会群众 ${rb.headcount} 人`, `${rb.headcount} constituents present`)}
        </Typography.Text>
        {e.overHeadcount && (
          <Alert type="warning" showIcon data-testid="over-headcount"
            title={l(`评议 ${e.counts.total} 份,多于到会群众 ${rb.headcount ?? 0} 人,请核查到会人数或是否有重复评议。`,
              `${e.counts.total} evaluations, more than the ${rb.headcount ?? 0} constituents present: check the headcount or look for stuffing.`)} />
        )}
        {e.openedAt && <CountsRow counts={e.counts} satisfiedPercent={e.satisfiedPercent} />}
        {ratio !== null && e.openedAt && <Progress percent={ratio} format={() => l(`${e.counts.total}/${rb.headcount} 人`, `${e.counts.total}/${rb.headcount}`)} aria-label={l('评议份数占到会人数', 'Evaluations of those present')} />}
        {e.openedAt && <Comments rb={rb} onIssue={can('add_issue') ? onIssue : undefined} />}
      </Space>
      <PaperDialog rb={rb} open={paper} onClose={() => setPaper(false)} />
      <HeadcountDialog rb={rb} open={headcount} onClose={() => setHeadcount(false)} />
    </Card>
  );
}
