import { z } from 'zod';
import { isMainlandMobile, normalisePhone } from '../text/phone.js';
import { isValidDate } from '../calendar/workingDays.js';

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable error code' }),
    message: z.string().meta({ description: 'Message in the language of Accept-Language (zh-CN by default)' }),
    details: z.record(z.string(), z.unknown()).optional(),
    fields: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
}).meta({ id: 'Error' });

/** A record id in a query string or a path (the database's integer range). */
export const QueryId = z.coerce.number().int().positive().max(2_147_483_647);

export const IdParams = z.object({ id: QueryId });

/** A yes/no filter in a query string: `true` or `false`. */
export const QueryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Which records a list shows by whether they are active (deactivated records are kept). */
export const ActiveQuery = z.enum(['true', 'false', 'all']);

/** Words to search a list by. */
export const SearchQuery = z.string().trim().min(1).max(50);

/** A record id in a JSON body (the database's integer range). */
export const Id = z.number().int().positive().max(2_147_483_647);

/** A civil date as YYYY-MM-DD that exists in the calendar. */
export const CivilDate = z.string().refine(isValidDate, { message: 'DATE_INVALID' }).meta({ description: 'YYYY-MM-DD (Asia/Shanghai)' });

export const RegionCode = z.string().regex(/^\d{6}(\d{3})?$/, { message: 'REGION_CODE_INVALID' });

/** A mainland mobile number, normalised (spaces, dashes and +86 removed). */
export const MobilePhone = z.string().trim().transform(normalisePhone)
  .refine(isMainlandMobile, { message: 'PHONE_INVALID' });

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().meta({ description: 'Opaque cursor from the previous page\'s nextCursor' }),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Timestamp = z.string().meta({ description: 'ISO 8601 instant (UTC)' });

export const OkResponse = z.object({ ok: z.literal(true) });

/** Standard error responses every route documents besides its own success. */
export const errorResponses = {
  400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse,
};

export function uniqueBy<T>(key: (v: T) => unknown) {
  return (list: T[]) => new Set(list.map(key)).size === list.length;
}

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/** The schema of a partial update: every field of a create body optional, with no defaults filled in. */
export function patchOf<S extends z.ZodRawShape>(body: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(body.shape)) {
    shape[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional();
  }
  return z.object(shape as { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> }).extend({
    version: z.number().int().positive().max(2_147_483_647).meta({ description: 'The version read; a stale one answers 409' }),
  });
}
