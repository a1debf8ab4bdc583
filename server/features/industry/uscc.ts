/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from the 31-character
 * set `0-9 A-H J-N P-R T U W-Y` (no I, O, S, V, Z):
 *
 * 1. the registering authority (登记管理部门码): 1-9, A-H, J-N, Y;
 * 2. the kind of body (机构类别码);
 * 3-8. the administrative division of the registering authority (登记管理机关行政区划码), digits;
 * 9-17. the body's identifier (主体标识码, the former organisation code);
 * 18. the check character: with each character's value v_i (its place in the set) and weights
 *     w_i = 3^(i-1) mod 31, C18 = 31 − (Σ v_i·w_i mod 31), 31 counting as 0.
 *
 * Pure: no I/O. `checkCreditCode` says why a code is refused; `withCheckCharacter` completes 17
 * characters (used by the demo to make valid codes).
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const AUTHORITY = /^[1-9A-HJ-NY]$/;

export type CreditCodeProblem = 'length' | 'character' | 'authority' | 'division' | 'check';

/** Upper case, without spaces and full-width forms (what an office types or pastes). */
export function normaliseCreditCode(input: string): string {
  return input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CHARSET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Why a (normalised) code is not a valid credit code, or null when it is. */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!CHARSET.includes(ch)) return 'character';
  if (!AUTHORITY.test(code[0]!)) return 'authority';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
  return checkCharacter(code.slice(0, 17)) === code[17] ? null : 'check';
}

export function isCreditCode(code: string): boolean {
  return checkCreditCode(code) === null;
}

/** The 18-character code whose first 17 characters are given. */
export function withCheckCharacter(first17: string): string {
  if (first17.length !== 17 || [...first17].some((ch) => !CHARSET.includes(ch))) throw new Error(`Not 17 credit-code characters: ${first17}`);
  return first17 + checkCharacter(first17);
}
