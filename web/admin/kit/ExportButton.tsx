import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../../shared/i18n.js';

/**
 * 导出 Excel: a download link (antd renders an `<a href download>`) to the list's .xlsx with the
 * filters on screen. The server writes every row the filters give, not just the page shown,
 * and names the file.
 */
export function ExportButton({ href }: { href: string }) {
  const { l } = useI18n();
  return <Button icon={<DownloadOutlined />} href={href} download>{l('导出 Excel', 'Export to Excel')}</Button>;
}
