import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorMessage, localiseFields, pickLang, type ErrorCode, type FieldError, type Lang } from '../errors.js';
import { fieldErrors } from './zodMessages.js';

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hour12: false,
});

/** Details rendered for people: instants become Asia/Shanghai wall-clock time. */
function displayDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out = { ...details };
  if (typeof details.unlockAt === 'string') out.unlockAtLocal = SHANGHAI.format(new Date(details.unlockAt));
  return out;
}

export function errorBody(code: ErrorCode, lang: Lang, details: Record<string, unknown> = {}, fields?: FieldError[]) {
  return {
    error: {
      code,
      message: errorMessage(code, lang, displayDetails(details)),
      ...(Object.keys(details).length ? { details } : {}),
      ...(fields ? { fields } : {}),
    },
  };
}

const PG_UNIQUE_VIOLATION = '23505';
/** Input the database cannot hold: a number out of range, a NUL or otherwise unencodable character. */
const PG_BAD_INPUT = new Set(['22003', '22021', '22P05']);

/**
 * Errors Fastify finds before a route is chosen (a path that is not valid percent-encoded
 * UTF-8, a path parameter longer than the router takes) answer in the API's own error shape.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const lang = pickLang(request.headers['accept-language']);
  if (err.statusCode && err.statusCode < 500) {
    void reply.status(400).send(errorBody('BAD_REQUEST', lang, { reason: err.code === 'FST_ERR_BAD_URL' ? 'malformed URL' : err.message }));
    return;
  }
  request.log.error({ err }, 'router error');
  void reply.status(500).send(errorBody('INTERNAL', lang));
}

export function registerErrorHandler(app: FastifyInstance, pages: (request: FastifyRequest, reply: FastifyReply) => boolean = () => false): void {
  app.decorateRequest('lang', 'zh');
  app.addHook('onRequest', (request, _reply, done) => {
    request.lang = pickLang(request.headers['accept-language']);
    done();
  });

  app.setErrorHandler((err: FastifyError & { code?: string }, request, reply) => {
    const lang = request.lang ?? pickLang(request.headers['accept-language']);
    if (err instanceof AppError) {
      if (err.code === 'RATE_LIMITED' && err.details.retryAfter) reply.header('retry-after', String(err.details.retryAfter));
      return reply.status(err.status).send(errorBody(err.code, lang, err.details, err.fields && localiseFields(err.fields, lang)));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const prefix = err.validationContext ?? '';
      // The type provider flattens each zod issue into { keyword, instancePath, message, params }.
      const issues = err.validation.map((v) => ({
        ...v.params,
        code: v.keyword,
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message,
      })) as unknown as Parameters<typeof fieldErrors>[0];
      return reply.status(400).send(errorBody('VALIDATION_FAILED', lang, {}, fieldErrors(issues, lang, prefix)));
    }
    if (isResponseSerializationError(err)) {
      // Where and why only: an issue's input would be the answer's (personal) data.
      request.log.error({ err, issues: err.cause?.issues?.map((i) => ({ code: i.code, path: i.path, message: i.message })) }, 'response did not match its schema');
      return reply.status(500).send(errorBody('INTERNAL', lang));
    }
    if (err.statusCode === 429) {
      const retryAfter = Number(reply.getHeader('retry-after')) || 60;
      return reply.status(429).send(errorBody('RATE_LIMITED', lang, { retryAfter }));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', lang));
    if (err.code && PG_BAD_INPUT.has(err.code)) {
      return reply.status(400).send(errorBody('BAD_REQUEST', lang, { reason: 'value not storable' }));
    }
    if (err.code === PG_UNIQUE_VIOLATION) {
      request.log.warn({ err }, 'unique violation');
      return reply.status(409).send(errorBody('CONFLICT', lang));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(400).send(errorBody('BAD_REQUEST', lang, { reason: err.message }));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', lang));
  });

  app.setNotFoundHandler((request, reply) => {
    if (pages(request, reply)) return;
    reply.status(404).send(errorBody('ROUTE_NOT_FOUND', request.lang ?? 'zh'));
  });
}
