/** The report-backs' request fields with the platform's field messages (REQUIRED, TEXT_TOO_LONG, OPTION_INVALID) rather than the validator's own. */
import { z } from 'zod';
import { RATINGS } from './workflow.js';

/** A text that must be written (REQUIRED when empty) and fit `max` (TEXT_TOO_LONG). */
export const Written = (max: number) => z.string().trim().min(1, { message: 'REQUIRED' }).max(max, { message: 'TEXT_TOO_LONG' });
/** An optional text that must fit `max`. */
export const Short = (max: number) => z.string().trim().max(max, { message: 'TEXT_TOO_LONG' });
/** One of the options given (OPTION_INVALID otherwise). */
export const OneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: 'OPTION_INVALID' });
/** 满意 / 基本满意 / 不满意. */
export const Rating = OneOf(RATINGS);
