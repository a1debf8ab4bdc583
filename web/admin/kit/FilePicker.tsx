import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, List, Switch, Typography } from 'antd';
import { useRef } from 'react';
import { base64Of, compressPhoto } from '../../shared/compress.js';
import { useI18n } from '../../shared/i18n.js';

/** What the server accepts (judged by content): PDF letters and photos. */
const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp';

export interface PickedFile { key: string; name: string; size: number; data: string; public: boolean }

export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The files as an action's body takes them (base64, public or internal). */
export const filesBody = (files: PickedFile[]) => files.map((f) => ({ name: f.name, data: f.data, public: f.public }));

export interface FileLimits {
  maxFiles: number;
  /** Bytes allowed for each file, or for all of them together. */
  maxBytes: number;
  per: 'file' | 'all';
}

/**
 * Files sent with a reply or an answer (the letter as PDF, photos of the work): photos are shrunk
 * on the phone on the way (a phone's photo easily exceeds 5 MB), a PDF goes as it is; each is
 * marked public (shown to the public with the answer) or internal. A PDF starts public, a photo
 * internal. The limits are checked before anything is sent; the server checks them again.
 */
export function FilePicker({ files, onChange, limits, testId }: { files: PickedFile[]; onChange(files: PickedFile[]): void; limits: FileLimits; testId: string }) {
  const { l } = useI18n();
  const { message } = App.useApp();
  const picker = useRef<HTMLInputElement>(null);
  const mb = Math.round(limits.maxBytes / 1024 / 1024);

  async function pick(list: FileList | null) {
    if (!list?.length) return;
    const picked = await Promise.all([...list].map(async (f, i): Promise<PickedFile> => {
      const photo = f.type.startsWith('image/');
      const data = photo ? await compressPhoto(f) : await base64Of(f);
      return { key: `${Date.now()}-${i}-${f.name}`, name: f.name, size: Math.floor((data.length * 3) / 4), data, public: f.type === 'application/pdf' };
    }));
    const next = [...files, ...picked];
    if (next.length > limits.maxFiles) { message.error(l(`附件最多 ${limits.maxFiles} 个`, `At most ${limits.maxFiles} files`)); return; }
    if (limits.per === 'file' && picked.some((f) => f.size > limits.maxBytes)) { message.error(l(`单个附件不能超过 ${mb} MB`, `A file may not exceed ${mb} MB`)); return; }
    if (limits.per === 'all' && next.reduce((n, f) => n + f.size, 0) > limits.maxBytes) { message.error(l(`附件合计不能超过 ${mb} MB`, `The files may not exceed ${mb} MB in all`)); return; }
    onChange(next);
  }

  return (
    <>
      <Button icon={<PaperClipOutlined />} onClick={() => picker.current?.click()}>{l('选择文件', 'Choose files')}</Button>
      <input
        ref={picker} type="file" multiple accept={ACCEPT} style={{ display: 'none' }} data-testid={testId}
        onChange={(e) => { void pick(e.target.files); e.target.value = ''; }}
      />
      {files.length > 0 && (
        <List
          size="small" style={{ marginTop: 8 }} dataSource={files}
          renderItem={(f) => (
            <List.Item
              actions={[
                <Switch
                  key="public" checked={f.public} checkedChildren={l('公开', 'Public')} unCheckedChildren={l('内部', 'Internal')}
                  aria-label={l(`${f.name} 是否公开`, `Whether ${f.name} is public`)}
                  onChange={(checked) => onChange(files.map((x) => (x.key === f.key ? { ...x, public: checked } : x)))}
                />,
                <Button
                  key="remove" type="text" icon={<DeleteOutlined />} aria-label={l(`移除 ${f.name}`, `Remove ${f.name}`)}
                  onClick={() => onChange(files.filter((x) => x.key !== f.key))}
                />,
              ]}
            >
              <Typography.Text ellipsis style={{ maxWidth: 200 }}>{f.name}</Typography.Text>
              <Typography.Text type="secondary"> {sizeText(f.size)}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
