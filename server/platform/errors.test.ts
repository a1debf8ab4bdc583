import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AppError, errorMessage, ERRORS, FIELD_MESSAGES, invalidFields, localiseFields, pickLang,
  type FieldError, type FieldMessageCode,
} from './errors.js';

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('pickLang', () => {
  it('defaults to Chinese', () => {
    assert.equal(pickLang(undefined), 'zh');
    assert.equal(pickLang(''), 'zh');
  });

  it('picks English when the client prefers it', () => {
    assert.equal(pickLang('en-US,en;q=0.9'), 'en');
    assert.equal(pickLang('en'), 'en');
    assert.equal(pickLang('EN-GB'), 'en');
    assert.equal(pickLang('en-US,en;q=0.9,zh-CN;q=0.8'), 'en');
    assert.equal(pickLang('zh;q=0.3, en;q=0.7'), 'en');
  });

  it('picks Chinese when the client prefers it', () => {
    assert.equal(pickLang('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
    assert.equal(pickLang('en;q=0.5, zh;q=0.8'), 'zh');
    assert.equal(pickLang('zh-TW'), 'zh');
    assert.equal(pickLang('ZH-cn'), 'zh');
  });

  it('falls back to Chinese for other languages', () => {
    assert.equal(pickLang('fr'), 'zh');
    assert.equal(pickLang('fr-FR,de;q=0.9'), 'zh');
    assert.equal(pickLang('*'), 'zh');
  });

  it('takes English when it is the only known language listed', () => {
    assert.equal(pickLang('fr-FR,fr;q=0.9,en;q=0.5'), 'en');
  });

  it('breaks ties by the order listed', () => {
    assert.equal(pickLang('en, zh'), 'en');
    assert.equal(pickLang('zh, en'), 'zh');
  });

  it('ignores malformed quality values', () => {
    assert.equal(pickLang('en;q=abc, zh;q=0.1'), 'zh');
    assert.equal(pickLang('en;q=, zh;q=0.1'), 'zh');
  });

  it('treats q=0 as "not acceptable"', () => {
    assert.equal(pickLang('en;q=0'), 'zh');
    assert.equal(pickLang('fr, en;q=0'), 'zh');
  });
});

describe('errorMessage', () => {
  it('gives the message in the language asked for', () => {
    assert.equal(errorMessage('NOT_FOUND', 'zh'), '找不到该记录');
    assert.equal(errorMessage('NOT_FOUND', 'en'), 'Not found');
  });

  it('fills {placeholders} from the details', () => {
    assert.equal(errorMessage('REGION_NOT_FOUND', 'en', { code: '451103' }), 'Unknown region code: 451103');
    assert.equal(errorMessage('REGION_NOT_FOUND', 'zh', { code: '451103' }), '行政区划代码不存在: 451103');
    assert.equal(errorMessage('RATE_LIMITED', 'en', { retryAfter: 30 }), 'Too many requests; try again in 30 seconds');
    assert.equal(errorMessage('RATE_LIMITED', 'zh', { retryAfter: 30 }), '请求过于频繁,请 30 秒后再试');
    assert.equal(
      errorMessage('DATA_DIR_LOCKED', 'en', { pid: 1234, lockPath: '/data/lianxin.lock' }),
      'The data directory is in use by another process (pid 1234): /data/lianxin.lock',
    );
  });

  it('fills a missing detail with an empty string and leaves no braces', () => {
    assert.equal(errorMessage('REGION_NOT_FOUND', 'en'), 'Unknown region code: ');
    assert.equal(errorMessage('REGION_NOT_FOUND', 'en', { code: null }), 'Unknown region code: ');
    assert.ok(!errorMessage('DATA_DIR_LOCKED', 'zh').includes('{'));
  });

  it('keeps 0 and false as values', () => {
    assert.equal(errorMessage('REGION_NOT_FOUND', 'en', { code: 0 }), 'Unknown region code: 0');
    assert.equal(errorMessage('RATE_LIMITED', 'en', { retryAfter: 0 }), 'Too many requests; try again in 0 seconds');
  });

  it('ignores details that are not placeholders', () => {
    assert.equal(errorMessage('NOT_FOUND', 'en', { id: 5 }), 'Not found');
  });
});

describe('ERRORS (the kernel\'s codes)', () => {
  const codes = Object.keys(ERRORS) as (keyof typeof ERRORS)[];

  it('has codes', () => {
    assert.ok(codes.length > 10);
    for (const code of ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'DATA_DIR_LOCKED', 'INTERNAL']) {
      assert.ok(codes.includes(code as keyof typeof ERRORS), code);
    }
  });

  it('gives every code a 4xx/5xx status and non-empty zh and en messages', () => {
    for (const code of codes) {
      const e = ERRORS[code];
      assert.ok(Number.isInteger(e.status) && e.status >= 400 && e.status <= 599, `${code}: ${e.status}`);
      assert.ok(e.zh.trim().length > 0, `${code} zh`);
      assert.ok(e.en.trim().length > 0, `${code} en`);
      assert.match(e.zh, CJK, `${code}: zh message is Chinese`);
      assert.doesNotMatch(e.en, CJK, `${code}: en message is not Chinese`);
      assert.match(code, /^[A-Z][A-Z_]*$/);
    }
  });

  it('uses the same placeholders in zh and en', () => {
    for (const code of codes) {
      assert.deepEqual(placeholders(ERRORS[code].zh), placeholders(ERRORS[code].en), code);
    }
  });

  it('maps the common codes to the usual statuses', () => {
    assert.equal(ERRORS.VALIDATION_FAILED.status, 400);
    assert.equal(ERRORS.UNAUTHENTICATED.status, 401);
    assert.equal(ERRORS.FORBIDDEN.status, 403);
    assert.equal(ERRORS.NOT_FOUND.status, 404);
    assert.equal(ERRORS.CONFLICT.status, 409);
    assert.equal(ERRORS.RATE_LIMITED.status, 429);
    assert.equal(ERRORS.INTERNAL.status, 500);
  });
});

describe('AppError', () => {
  it('carries its code, status, details and an English message', () => {
    const err = new AppError('REGION_NOT_FOUND', { code: '999999' });
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'REGION_NOT_FOUND');
    assert.equal(err.status, 400);
    assert.deepEqual(err.details, { code: '999999' });
    assert.equal(err.message, 'REGION_NOT_FOUND: Unknown region code: 999999');
    assert.equal(err.fields, undefined);
  });

  it('defaults to no details', () => {
    const err = new AppError('FORBIDDEN');
    assert.deepEqual(err.details, {});
    assert.equal(err.status, 403);
  });
});

describe('FIELD_MESSAGES', () => {
  it('gives every field code non-empty zh and en messages', () => {
    const codes = Object.keys(FIELD_MESSAGES) as FieldMessageCode[];
    assert.ok(codes.includes('PHONE_INVALID'));
    for (const code of codes) {
      assert.match(FIELD_MESSAGES[code].zh, CJK, `${code} zh`);
      assert.ok(FIELD_MESSAGES[code].en.trim().length > 0, `${code} en`);
      assert.doesNotMatch(FIELD_MESSAGES[code].en, CJK, `${code} en`);
    }
  });
});

describe('invalidFields', () => {
  it('is a VALIDATION_FAILED error listing the fields with English messages', () => {
    const err = invalidFields([
      { path: 'phone', code: 'PHONE_INVALID' },
      { path: 'scope.stationIds', code: 'UNKNOWN_REFERENCE' },
    ]);
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'VALIDATION_FAILED');
    assert.equal(err.status, 400);
    assert.deepEqual(err.fields, [
      { path: 'phone', code: 'PHONE_INVALID', message: FIELD_MESSAGES.PHONE_INVALID.en },
      { path: 'scope.stationIds', code: 'UNKNOWN_REFERENCE', message: 'The referenced record does not exist' },
    ]);
  });
});

describe('localiseFields', () => {
  const fields = invalidFields([
    { path: 'phone', code: 'PHONE_INVALID' },
    { path: 'name', code: 'REQUIRED' },
  ]).fields!;

  it('gives our field codes in Chinese', () => {
    assert.deepEqual(localiseFields(fields, 'zh'), [
      { path: 'phone', code: 'PHONE_INVALID', message: '请输入正确的手机号码' },
      { path: 'name', code: 'REQUIRED', message: '此项必填' },
    ]);
  });

  it('gives our field codes in English', () => {
    assert.deepEqual(localiseFields(fields, 'en'), [
      { path: 'phone', code: 'PHONE_INVALID', message: 'Enter a valid mainland mobile number' },
      { path: 'name', code: 'REQUIRED', message: 'This field is required' },
    ]);
  });

  it('replaces whatever message a known code came with', () => {
    const [f] = localiseFields([{ path: 'p', code: 'PASSWORD_TOO_WEAK', message: 'stale' }], 'zh');
    assert.equal(f!.message, FIELD_MESSAGES.PASSWORD_TOO_WEAK.zh);
  });

  it('leaves codes that are not ours untouched', () => {
    const foreign: FieldError[] = [{ path: 'limit', code: 'too_big', message: 'Too big: expected number to be <=100' }];
    assert.deepEqual(localiseFields(foreign, 'zh'), foreign);
  });

  it('does not modify its input', () => {
    const input: FieldError[] = [{ path: 'phone', code: 'PHONE_INVALID', message: 'original' }];
    localiseFields(input, 'zh');
    assert.equal(input[0]!.message, 'original');
  });

  it('leaves codes that merely name an Object.prototype property untouched', () => {
    const odd: FieldError[] = [{ path: 'x', code: 'toString', message: 'kept' }];
    assert.deepEqual(localiseFields(odd, 'zh'), odd);
  });
});

describe('the README', () => {
  it('lists every error code with its messages', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { PROJECT_ROOT } = await import('./config.js');
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const [code, e] of Object.entries(ERRORS)) {
      assert.ok(readme.includes(`| \`${code}\` | ${e.status} | ${e.zh} | `), `README row for ${code}`);
    }
  });
});
