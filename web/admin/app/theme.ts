import type { ThemeConfig } from 'antd';

/**
 * The back office's antd theme: the red of the congress, and grey text dark enough to read —
 * antd's default greys (secondary text, descriptions, labels, placeholders at 45 % and 25 % black,
 * errors in #ff4d4f) fall below the 4.5 : 1 contrast WCAG asks for body text. Here every grey that
 * carries words is at least 4.5 : 1 on white and on antd's light grey (#f5f5f5); admin.css does the
 * same for the coloured tags and the empty-list text, which the tokens do not reach.
 */
export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#b71c1c', colorLink: '#b71c1c', colorInfo: '#b71c1c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorError: '#c62828',
    colorWarning: '#ad6800',
    colorSuccess: '#237804',
  },
};

/** The same theme without antd's motion, for a device set to reduce motion (WCAG 2.3.3). */
export const STILL_THEME: ThemeConfig = { ...THEME, token: { ...THEME.token, motion: false } };
