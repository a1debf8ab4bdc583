/** Dates and times as people in China read them: Asia/Shanghai, 24-hour clock. */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
const DATE = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? DATE_TIME.format(new Date(iso)) : '—';
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.replace(/-/g, '/') : DATE.format(new Date(iso));
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

const YEAR_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** The month (`YYYY-MM`) an instant falls in, in Beijing time. */
export function shanghaiMonth(at: Date = new Date()): string {
  return YEAR_MONTH.format(at).slice(0, 7);
}

/** A month's first instant and the next month's, as ISO strings with the +08:00 offset. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` };
}

/** The `count` months up to and including `month`, newest first. */
export function monthsBefore(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - i;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

export interface ReceptionSchedule { weekdays: number[]; monthDays: number[]; hours: string; note: string }

const WEEKDAYS = { zh: ['一', '二', '三', '四', '五', '六', '日'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };

/** A station's reception days in words: 每周三、每月4日、14日 9:00-12:00 (or the English). */
export function receptionText(s: ReceptionSchedule, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  if (s.weekdays.length) {
    const days = s.weekdays.map((d) => WEEKDAYS[lang][d - 1]);
    parts.push(lang === 'zh' ? `每周${days.join('、')}` : `Every ${days.join(', ')}`);
  }
  if (s.monthDays.length) {
    parts.push(lang === 'zh' ? `每月${s.monthDays.map((d) => `${d}日`).join('、')}` : `Days ${s.monthDays.join(', ')} of each month`);
  }
  if (s.hours) parts.push(s.hours);
  if (s.note) parts.push(s.note);
  return parts.join(lang === 'zh' ? ' ' : '; ');
}
