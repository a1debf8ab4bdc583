import { HistoryOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Card, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, get, post, put } from '../../../shared/api.js';
import { formatDateTime } from '../../../shared/format.js';
import { useI18n } from '../../../shared/i18n.js';
import { invalidateApi, useApiQuery } from '../../../shared/query.js';
import { useNarrow } from '../../kit/common.js';
import { useWriteErrors } from '../../kit/writeErrors.js';
import type { ReportBack, ReportText, ReportVersions } from './types.js';

/**
 * 述职报告, written by the deputy on the phone: a draft generated from the deputy's archive for
 * the period (activities, opinions handled, suggestions and their outcomes, points), then edited
 * and saved; each save is a version with its time and author, and an earlier version can be read
 * and taken up again. Two people saving over each other are told, not overwritten.
 */
export function ReportEditorPage() {
  const { id } = useParams();
  const { l } = useI18n();
  const { message, modal } = App.useApp();
  const narrow = useNarrow();
  const showError = useWriteErrors();
  const rbQuery = useApiQuery<ReportBack>(`/api/report-backs/${id}`);
  const url = `/api/report-backs/${id}/report`;
  const query = useApiQuery<ReportVersions>(url);
  const [text, setText] = useState<string | null>(null);
  const [source, setSource] = useState<'generated' | 'edited'>('edited');
  const [busy, setBusy] = useState<'save' | 'generate' | null>(null);
  const [shown, setShown] = useState<ReportText | null>(null);
  const current = query.data?.current ?? null;
  const rb = rbQuery.data;

  // The saved text fills the editor once it comes (and after a reload on a conflict).
  useEffect(() => { if (query.data && text === null) setText(query.data.current?.text ?? ''); }, [query.data, text]);

  const crumbs = (
    <Breadcrumb items={[
      { title: <Link to="/report-backs">{l('述职', 'Report-backs')}</Link> },
      { title: <Link to={`/report-backs/${id}`}>{rb?.title ?? '…'}</Link> },
      { title: l('述职报告', 'The report') },
    ]} />
  );
  const error = rbQuery.error ?? query.error;
  if (error) return <Space orientation="vertical" style={{ width: '100%' }}>{crumbs}<Alert type="error" showIcon title={error.message} /></Space>;
  if (!rb || !query.data || text === null) return crumbs;
  const editable = rb.actions.includes('edit_report') || rb.actions.includes('generate_report');
  const dirty = text !== (current?.text ?? '');

  async function generate() {
    const run = async () => {
      setBusy('generate');
      try {
        const draft = await post<{ text: string; facts: Record<string, number> }>(`${url}/generate`, {});
        setText(draft.text);
        setSource('generated');
        message.success(l('已根据履职档案生成初稿,请修改后保存', 'A draft from the archive is in the editor; edit it and save'));
      } catch (err) {
        showError(err, message);
      } finally {
        setBusy(null);
      }
    };
    if (text!.trim()) {
      modal.confirm({
        title: l('生成初稿', 'Generate a draft'), content: l('生成的初稿将替换编辑框中的内容(已保存的版本不受影响)。', 'The draft replaces what is in the editor (saved versions stay).'),
        okText: l('生成', 'Generate'), cancelText: l('取消', 'Cancel'), onOk: run,
      });
    } else {
      await run();
    }
  }

  async function save() {
    if (!text!.trim()) { message.error(l('报告不能为空', 'The report is empty')); return; }
    setBusy('save');
    try {
      await put(url, { text: text!, version: current?.version ?? null, source });
      setSource('edited');
      message.success(l('述职报告已保存', 'The report is saved'));
      setText(null);
      await invalidateApi(`/api/report-backs/${id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        // Someone saved in between: the editor keeps these words; the newer version is listed below to compare before saving again.
        message.warning(l('报告刚被他人保存了新版本。您的修改仍在编辑框中,可查看新版本后再保存。', 'Someone just saved a newer version. Your words stay in the editor; read the new version, then save again.'));
        await invalidateApi(url);
      } else {
        showError(err, message);
      }
    } finally {
      setBusy(null);
    }
  }

  async function open(version: number) {
    try {
      setShown(await get<ReportText>(`${url}/versions/${version}`));
    } catch (err) {
      showError(err, message);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {crumbs}
      <Card
        size="small"
        title={<Space wrap size={4}>{l('述职报告', 'The report')}{current && <Tag>{l(`第 ${current.version} 版`, `v${current.version}`)}</Tag>}{dirty && <Tag color="orange">{l('未保存', 'Not saved')}</Tag>}</Space>}
        extra={!narrow && current && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{current.byName ?? ''} {formatDateTime(current.at)}</Typography.Text>}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {rb.deputy.name} · {rb.congress.name}{rb.periodFrom ? l(` · 报告期间 ${rb.periodFrom} 至 ${rb.periodTo ?? ''}`, ` · ${rb.periodFrom} – ${rb.periodTo ?? ''}`) : ''}
          </Typography.Text>
          <Input.TextArea
            value={text} onChange={(e) => setText(e.target.value)} readOnly={!editable} maxLength={20000} showCount
            autoSize={{ minRows: narrow ? 14 : 18, maxRows: 40 }} aria-label={l('述职报告正文', 'The report')} data-testid="report-text"
            placeholder={l('可先点"从履职档案生成初稿",再修改补充', 'Start from the draft generated from your archive, then edit')}
            style={{ fontSize: narrow ? 16 : 14, lineHeight: 1.7 }}
          />
          {editable && (
            <div style={{ display: 'grid', gridTemplateColumns: narrow ? '1fr 1fr' : 'auto auto 1fr', gap: 8 }}>
              <Button icon={<ThunderboltOutlined />} size={narrow ? 'large' : 'middle'} loading={busy === 'generate'} onClick={() => void generate()}>{l('从履职档案生成初稿', 'Draft from the archive')}</Button>
              <Button type="primary" size={narrow ? 'large' : 'middle'} loading={busy === 'save'} disabled={!dirty} onClick={() => void save()}>{l('保存', 'Save')}</Button>
            </div>
          )}
        </Space>
      </Card>
      <Card size="small" title={<Space><HistoryOutlined />{l('历史版本', 'Versions')}</Space>}>
        <List
          size="small" dataSource={[...query.data.versions].sort((a, b) => b.version - a.version)} locale={{ emptyText: l('尚未保存', 'Nothing saved yet') }}
          renderItem={(v) => (
            <List.Item extra={<Button size="small" onClick={() => void open(v.version)}>{l('查看', 'Read')}</Button>}>
              <Space wrap size={[8, 0]}>
                <Typography.Text strong>{l(`第 ${v.version} 版`, `v${v.version}`)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.source === 'generated' ? l('档案生成', 'generated') : l('修改', 'edited')} · {v.byName ?? ''} · {formatDateTime(v.at)} · {l(`${v.length} 字`, `${v.length} chars`)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Modal
        open={shown !== null} title={shown ? l(`第 ${shown.version} 版`, `Version ${shown.version}`) : ''} onCancel={() => setShown(null)} width={720}
        footer={[
          editable && <Button key="use" onClick={() => { setText(shown!.text); setSource('edited'); setShown(null); }}>{l('用此版本替换编辑框', 'Put it in the editor')}</Button>,
          <Button key="close" type="primary" onClick={() => setShown(null)}>{l('关闭', 'Close')}</Button>,
        ]}
      >
        {shown && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{shown.text}</Typography.Paragraph>}
      </Modal>
    </Space>
  );
}
