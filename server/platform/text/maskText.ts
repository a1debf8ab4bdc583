/**
 * Masking personal data inside a free text before it is shown outside its handling (opinions,
 * deliberation topics and answers, comments): phone-like digit runs (7 or more digits, spaces and
 * dashes allowed between them, a leading +86 or an area code such as 0774- included) keep at most
 * their first 3 and last 4 digits; identity-card numbers (17 digits and a digit or X) keep only
 * their first 3 and last 2 characters. Full-width digits are read as digits. Dates written
 * 2026-12-24 are not phone numbers and stay as they are.
 */
const ID_CARD = /(?<![0-9])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g;
const PHONE_LIKE = /(?<![0-9])(?:\+?86[\s-]?)?\d(?:[\s-]?\d){6,}(?![0-9])/g;
const DATE = /^(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])$/;

function maskDigits(run: string): string {
  if (DATE.test(run)) return run;
  let digits = run.replace(/\D/g, '');
  if (/^\+?86[\s-]?1/.test(run) && digits.length === 13) digits = digits.slice(2);
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-4)}`;
}

/** The text with identity-card numbers and phone-like digit runs masked. */
export function maskText(text: string): string {
  const normal = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return normal
    .replace(ID_CARD, (id) => `${id.slice(0, 3)}*************${id.slice(-2)}`)
    .replace(PHONE_LIKE, maskDigits);
}
