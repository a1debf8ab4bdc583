import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { composeServer, FEATURES, KERNEL } from './composition.js';
import { PROJECT_ROOT } from './platform/config.js';
import { auditLabels } from './platform/feature.js';
import { AppError, errorCatalog, errorMessage } from './platform/errors.js';

composeServer();

const CJK = /[\u4e00-\u9fff]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the feature list', () => {
  it('names every feature folder once', () => {
    const names = FEATURES.map((f) => f.name);
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.includes('cases') && names.includes('registers'));
  });
});

describe('the audit vocabulary', () => {
  it('labels the downloads that take personal data out, in both languages', () => {
    const labels = auditLabels('auditActions');
    for (const action of ['register.download', 'archive.download', 'export.download', 'deed.update', 'deed.delete', 'chronicle.update', 'chronicle.delete']) {
      assert.ok(labels[action]?.zh && labels[action].en, action);
    }
  });

  it('labels every record type the log names, in both languages', () => {
    const labels = auditLabels('auditEntityTypes');
    for (const type of ['case', 'station', 'deputy', 'account', 'export']) assert.ok(labels[type]?.zh && labels[type].en, type);
  });
});

describe('the error catalogue (the kernel\'s codes and every feature\'s)', () => {
  const catalog = errorCatalog();
  const codes = Object.keys(catalog);

  it('holds each part\'s codes, no code twice', () => {
    const parts = [KERNEL.errors, ...FEATURES.map((f) => f.errors)];
    assert.equal(codes.length, parts.reduce((n, p) => n + Object.keys(p).length, 0));
    for (const code of ['VALIDATION_FAILED', 'LOOKUP_LOCKED', 'CASE_TRANSITION_INVALID', 'TERM_EXISTS', 'IMPORT_STALE']) {
      assert.ok(codes.includes(code), code);
    }
  });

  it('gives every code a 4xx/5xx status and messages in zh and en with the same placeholders', () => {
    for (const [code, e] of Object.entries(catalog)) {
      assert.ok(Number.isInteger(e.status) && e.status >= 400 && e.status <= 599, `${code}: ${e.status}`);
      assert.match(e.zh, CJK, `${code}: zh message is Chinese`);
      assert.ok(e.en.trim().length > 0, `${code} en`);
      assert.doesNotMatch(e.en, CJK, `${code}: en message is not Chinese`);
      assert.deepEqual(placeholders(e.zh), placeholders(e.en), code);
      assert.match(code, /^[A-Z][A-Z0-9_]*$/);
    }
  });

  it('gives features\' errors their status and messages', () => {
    assert.equal(new AppError('LOOKUP_LOCKED').status, 423);
    const err = new AppError('CASE_TRANSITION_INVALID', { state: 'closed', actionLabel: { zh: '受理', en: 'Accept' } });
    assert.equal(err.status, 409);
    assert.equal(err.message, 'CASE_TRANSITION_INVALID: Cannot “Accept” a case in state closed');
    assert.equal(errorMessage('TERM_EXISTS', 'zh', { number: 13 }), '该人大的第13届已经登记');
  });

  it('is listed in the README, every code with its messages', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const [code, e] of Object.entries(catalog)) {
      assert.ok(readme.includes(`| \`${code}\` | ${e.status} | ${e.zh} | `), `README row for ${code}`);
    }
  });
});
