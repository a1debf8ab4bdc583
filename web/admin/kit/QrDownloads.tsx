import { DownloadOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n.js';

interface Props {
  title: string;
  /** The files' address without the extension: `/api/stations/1/poster` → .png, .svg, .pdf. */
  base: string;
  /** The downloaded files' name without the extension. */
  fileName: string;
  hint: string;
}

/**
 * A printable QR file of a station or a deputy: a preview of the SVG and the three formats to
 * download (PNG for phones and chat groups, SVG for designers, PDF for the print shop).
 */
export function QrDownloads({ title, base, fileName, hint }: Props) {
  const { l } = useI18n();
  const [broken, setBroken] = useState(false);
  const formats = [
    { ext: 'png', label: l('图片 PNG', 'PNG image') },
    { ext: 'svg', label: l('矢量图 SVG', 'SVG vector') },
    { ext: 'pdf', label: l('打印 PDF', 'PDF for print') },
  ];
  return (
    <Card title={<Space><QrcodeOutlined />{title}</Space>} size="small">
      <div style={{ textAlign: 'center', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 4, padding: 8, marginBottom: 12 }}>
        {broken ? (
          <Typography.Text type="secondary">{l('预览暂不可用', 'Preview not available yet')}</Typography.Text>
        ) : (
          <img
            src={`${base}.svg`} alt={l(`${title}预览`, `${title} preview`)} onError={() => setBroken(true)}
            style={{ maxWidth: '100%', maxHeight: 360, display: 'block', margin: '0 auto' }}
          />
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Paragraph>
      <Space wrap>
        {formats.map((f) => (
          <a key={f.ext} href={`${base}.${f.ext}`} download={`${fileName}.${f.ext}`}>
            <DownloadOutlined /> {f.label}
          </a>
        ))}
      </Space>
    </Card>
  );
}
