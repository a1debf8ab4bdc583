/**
 * The input fields of deliberation days with stable field codes (REQUIRED, TEXT_TOO_LONG,
 * OPTION_INVALID, SCORE_RANGE, WORKING_DAYS_RANGE) and their zh/en messages, never zod's own.
 */
import { z } from 'zod';

/** A required text, trimmed, at most `max` characters. */
export const requiredText = (max: number) => z.string({ error: 'REQUIRED' }).trim().min(1, { error: 'REQUIRED' }).max(max, { error: 'TEXT_TOO_LONG' });
/** An optional text, trimmed, at most `max` characters. */
export const text = (max: number) => z.string({ error: 'REQUIRED' }).trim().max(max, { error: 'TEXT_TOO_LONG' });
/** One of the given values. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'OPTION_INVALID' });
/** A score of 1–5. */
export const score = z.number({ error: 'SCORE_RANGE' }).int({ error: 'SCORE_RANGE' }).min(1, { error: 'SCORE_RANGE' }).max(5, { error: 'SCORE_RANGE' });
/** The working days an item's unit has: 1–60. */
export const workingDays = z.number({ error: 'WORKING_DAYS_RANGE' }).int({ error: 'WORKING_DAYS_RANGE' }).min(1, { error: 'WORKING_DAYS_RANGE' }).max(60, { error: 'WORKING_DAYS_RANGE' });
