import type { ThemeConfig } from 'antd';

/**
 * The back office's antd theme: the red of the congress, and grey text dark enough to read —
 * antd's default greys (secondary text, descriptions, labels, placeholders at 45 % and 25 % black,
 * errors in #ff4d4f) fall below the 4.5 : 1 contrast WCAG asks for body text. Here every grey that
 * carries words is at least 4.5 : 1 on white and on antd's light grey (#f5f5f5), and so are the
 * coloured tags; admin.css darkens the empty-list text likewise.
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
    // Tags print their words in shade 7 of their palette on shade 1; shade 8 reads at 4.5 : 1 or better.
    red7: '#a8071a', volcano7: '#ad2102', orange7: '#ad4e00', gold7: '#ad6800', lime7: '#3f6600', green7: '#237804',
    cyan7: '#006d75', blue7: '#0050b3', geekblue7: '#10239e', purple7: '#391085', magenta7: '#9e1068',
  },
};
