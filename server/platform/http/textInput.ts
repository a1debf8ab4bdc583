import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, FIELD_MESSAGES } from '../errors.js';

/** A lone UTF-16 surrogate (in `u` mode a paired surrogate is one code point and does not match). */
const LONE_SURROGATE = /\p{Cs}/u;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The path (keys and indexes) of the first string, or object key, holding a lone UTF-16
 * surrogate, or null when every text is well formed. Walks plain objects and arrays only: a
 * file being streamed or a Buffer is not text.
 */
export function findLoneSurrogate(value: unknown): (string | number)[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [] : null;
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i]);
      if (found !== null) return [i, ...found];
    }
    return null;
  }
  if (!isPlainObject(value)) return null;
  for (const key of Object.keys(value)) {
    if (LONE_SURROGATE.test(key)) return [key];
    const found = findLoneSurrogate(value[key]);
    if (found !== null) return [key, ...found];
  }
  return null;
}

/** A path as JSON readers write it: `body.items[2].name`; an unusual key is quoted as JSON (which escapes a lone surrogate). */
export function jsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** The `charset` parameter of a Content-Type header, lower case and unquoted, if there is one. */
export function declaredCharset(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '');
  return match ? match[2]!.toLowerCase() : null;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8']);

/** One component of a form or a query string: `+` is a space; null when a percent-escape is not UTF-8 (an encoded lone surrogate included). */
function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * The fields of an `application/x-www-form-urlencoded` text (a form body or a query string), in
 * order, each name and value percent-decoded as UTF-8; or the name of the first field that is not
 * (as sent, when its name is the part that fails). URLSearchParams would put U+FFFD in their place.
 */
export function decodeUrlEncoded(text: string): { fields: [string, string][] } | { invalid: string } {
  const fields: [string, string][] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = decodeComponent(rawName);
    if (name === null) return { invalid: rawName };
    const value = decodeComponent(eq < 0 ? '' : part.slice(eq + 1));
    if (value === null) return { invalid: name };
    fields.push([name, value]);
  }
  return { fields };
}

function encodingInvalid(where: 'body' | 'query', name: string): AppError {
  const field = jsonPath([where, name]);
  return new AppError('TEXT_ENCODING_INVALID', { field }, [{ path: `${where}.${name}`, code: 'ENCODING_INVALID', message: FIELD_MESSAGES.ENCODING_INVALID.en }]);
}

/** A field's path as validation failures name it (dot-separated), so forms mark the field. */
function fieldPath(path: readonly (string | number)[]): string {
  return path.map((k) => (typeof k === 'string' && !IDENTIFIER.test(k) ? JSON.stringify(k).slice(1, -1) : String(k))).join('.');
}

/** A text read from Latin-1 is UTF-8 when its characters of one byte are; one above U+00FF came from a `\u` escape. */
function latin1IsUtf8(text: string): boolean {
  return text.split(/[\u0100-\uffff]/).every((run) => isUtf8(Buffer.from(run, 'latin1')));
}

function findBadBytes(value: unknown): (string | number)[] | null {
  if (typeof value === 'string') return latin1IsUtf8(value) ? null : [];
  if (value === null || typeof value !== 'object') return null;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) {
    if (typeof key === 'string' && !latin1IsUtf8(key)) return [key];
    const found = findBadBytes(v);
    if (found !== null) return [key, ...found];
  }
  return null;
}

/**
 * Checks a JSON body read as bytes by a route of its own (one that keeps the exact bytes, as a
 * signed request does) as the shared JSON parser and hook check every other body: bytes that are
 * not UTF-8 answer 400 `TEXT_ENCODING_INVALID` naming the string (or key) that holds them
 * (`body.case.content`; `body` when they are not inside a string), and a text holding a lone
 * surrogate answers 400 `TEXT_LONE_SURROGATE` naming it. Answers the parsed value, or
 * `undefined` when the bytes are not JSON (the route's own error).
 */
export function parseJsonText(bytes: Uint8Array): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) {
    // JSON's syntax is ASCII: read as Latin-1 every byte is one character, and the strings that
    // hold bytes that are not UTF-8 can be found after parsing.
    let path: (string | number)[] = [];
    try {
      path = findBadBytes(JSON.parse(buffer.toString('latin1'))) ?? [];
    } catch { /* not JSON: the body as a whole */ }
    const all = ['body', ...path];
    throw new AppError('TEXT_ENCODING_INVALID', { field: jsonPath(all) }, [{ path: fieldPath(all), code: 'ENCODING_INVALID', message: FIELD_MESSAGES.ENCODING_INVALID.en }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    return undefined;
  }
  const lone = findLoneSurrogate(value);
  if (lone !== null) {
    const all = ['body', ...lone];
    throw new AppError('TEXT_LONE_SURROGATE', { field: jsonPath(all) }, [{ path: fieldPath(all), code: 'LONE_SURROGATE', message: FIELD_MESSAGES.LONE_SURROGATE.en }]);
  }
  return value;
}

/**
 * A form body (`application/x-www-form-urlencoded`) as its fields, refused like a JSON body when
 * declared in another charset than UTF-8 (BODY_CHARSET_UNSUPPORTED), and refused naming the field
 * (TEXT_ENCODING_INVALID) when a field's bytes or its percent-escapes are not UTF-8.
 */
export function parseFormBody(contentType: string | undefined, body: Buffer): [string, string][] {
  const charset = declaredCharset(contentType);
  if (charset !== null && !UTF8_NAMES.has(charset)) throw new AppError('BODY_CHARSET_UNSUPPORTED', { charset: charset.slice(0, 40) });
  if (!isUtf8(body)) {
    // Name the first field whose raw bytes are not UTF-8: the fields are split on `&` and `=`, which are ASCII.
    for (const part of body.toString('latin1').split('&')) {
      const bytes = Buffer.from(part, 'latin1');
      if (isUtf8(bytes)) continue;
      const eq = bytes.indexOf(0x3d);
      const name = eq < 0 ? bytes : bytes.subarray(0, eq);
      throw encodingInvalid('body', isUtf8(name) ? decodeComponent(name.toString('utf8')) ?? name.toString('utf8') : name.toString('latin1'));
    }
  }
  const decoded = decodeUrlEncoded(body.toString('utf8'));
  if ('invalid' in decoded) throw encodingInvalid('body', decoded.invalid);
  return decoded.fields;
}

/**
 * Text input is Unicode or refused, in one place for every route:
 * - a JSON body declared in another charset than UTF-8 answers 400 `BODY_CHARSET_UNSUPPORTED`;
 * - a JSON body that is not valid UTF-8 answers 400 `BODY_ENCODING_INVALID` (instead of being read with
 *   replacement characters);
 * - a query string whose percent-escapes are not UTF-8 (`?q=%E9`, or `%ED%A0%80`, an encoded
 *   lone surrogate) answers 400 `TEXT_ENCODING_INVALID`, naming the field, instead of being read
 *   with replacement characters; form bodies (parseFormBody) are held to the same;
 * - a string (or object key) in the body, the query string or the path parameters that holds a
 *   lone UTF-16 surrogate (`"x\udfffy"`, which JSON can spell but UTF-8 and the database cannot
 *   hold) answers 400 `TEXT_LONE_SURROGATE`, naming the field, before validation and the handler.
 * File uploads sent as their own content type are streams, not text, and pass untouched.
 */
export function registerTextInput(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const charset = declaredCharset(request.headers['content-type']);
    if (charset !== null && !UTF8_NAMES.has(charset)) {
      done(new AppError('BODY_CHARSET_UNSUPPORTED', { charset: charset.slice(0, 40) }), undefined);
      return;
    }
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new AppError('BODY_ENCODING_INVALID'), undefined);
      return;
    }
    void parseJson(request, bytes.toString('utf8'), done);
  });

  app.addHook('preValidation', (request, _reply, done) => {
    done(textInputError(request) ?? undefined);
  });
}

/** Why a request's query, parameters or body cannot be taken as text, or null when they can. */
function textInputError(request: FastifyRequest): AppError | null {
  const q = request.url.indexOf('?');
  if (q >= 0) {
    const decoded = decodeUrlEncoded(request.url.slice(q + 1));
    if ('invalid' in decoded) return encodingInvalid('query', decoded.invalid);
  }
  const sources = [['params', request.params], ['query', request.query], ['body', request.body]] as const;
  for (const [where, value] of sources) {
    const found = findLoneSurrogate(value);
    if (found !== null) {
      const field = jsonPath([where, ...found]);
      return new AppError('TEXT_LONE_SURROGATE', { field }, [{ path: fieldPath([where, ...found]), code: 'LONE_SURROGATE', message: FIELD_MESSAGES.LONE_SURROGATE.en }]);
    }
  }
  return null;
}
