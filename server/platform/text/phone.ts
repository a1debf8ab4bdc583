/** Mainland China mobile numbers: 11 digits starting 13–19. */
const MOBILE = /^1[3-9]\d{9}$/;

export function normalisePhone(input: string): string {
  return input.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}

export function isMainlandMobile(input: string): boolean {
  return MOBILE.test(normalisePhone(input));
}

/**
 * `13812341234` → `138****1234` (11 characters or more keep the first 3 and the last 4);
 * 7–10 characters keep only the last 4; anything shorter shows nothing.
 */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length >= 7) return `****${phone.slice(-4)}`;
  return '****';
}
