import { LockOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useI18n } from '../../shared/i18n.js';

/** A phone number as the server gives it: masked ones say so, so nobody mistakes them for typos. */
export function PhoneText({ phone, masked }: { phone: string | null; masked: boolean }) {
  const { l } = useI18n();
  if (!phone) return <>—</>;
  if (masked) {
    return (
      <Tooltip title={l('号码已隐藏:只有负责该代表的工作人员和本人可见', 'Hidden: only the staff handling this deputy and the deputy see it')}>
        <span>{phone} <LockOutlined style={{ color: '#999' }} /></span>
      </Tooltip>
    );
  }
  return <a href={`tel:${phone}`}>{phone}</a>;
}
