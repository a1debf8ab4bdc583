import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { hashToken, sessionState } from './sessions.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = new Date('2024-06-01T08:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('sessionState', () => {
  const IDLE = 30;

  it('is active when recently used and before the absolute expiry', () => {
    assert.equal(sessionState({ last_seen_at: at(-5 * MIN), expires_at: at(8 * HOUR) }, NOW, IDLE), 'active');
    assert.equal(sessionState({ last_seen_at: NOW, expires_at: at(8 * HOUR) }, NOW, IDLE), 'active');
  });

  it('is still active one millisecond before the idle limit', () => {
    assert.equal(sessionState({ last_seen_at: at(-IDLE * MIN + 1), expires_at: at(8 * HOUR) }, NOW, IDLE), 'active');
  });

  it('is idle-expired at exactly the idle limit', () => {
    assert.equal(sessionState({ last_seen_at: at(-IDLE * MIN), expires_at: at(8 * HOUR) }, NOW, IDLE), 'idle_expired');
  });

  it('is idle-expired after the idle limit', () => {
    assert.equal(sessionState({ last_seen_at: at(-IDLE * MIN - 1), expires_at: at(8 * HOUR) }, NOW, IDLE), 'idle_expired');
    assert.equal(sessionState({ last_seen_at: at(-3 * HOUR), expires_at: at(8 * HOUR) }, NOW, IDLE), 'idle_expired');
  });

  it('uses the idle minutes given', () => {
    const s = { last_seen_at: at(-10 * MIN), expires_at: at(8 * HOUR) };
    assert.equal(sessionState(s, NOW, 15), 'active');
    assert.equal(sessionState(s, NOW, 10), 'idle_expired');
    assert.equal(sessionState(s, NOW, 5), 'idle_expired');
  });

  it('is active one millisecond before the absolute expiry', () => {
    assert.equal(sessionState({ last_seen_at: at(-MIN), expires_at: at(1) }, NOW, IDLE), 'active');
  });

  it('is absolute-expired at exactly the absolute expiry', () => {
    assert.equal(sessionState({ last_seen_at: at(-MIN), expires_at: NOW }, NOW, IDLE), 'absolute_expired');
  });

  it('is absolute-expired after the absolute expiry even when recently used', () => {
    assert.equal(sessionState({ last_seen_at: NOW, expires_at: at(-1) }, NOW, IDLE), 'absolute_expired');
  });

  it('reports absolute expiry when both limits have passed', () => {
    assert.equal(sessionState({ last_seen_at: at(-2 * HOUR), expires_at: at(-HOUR) }, NOW, IDLE), 'absolute_expired');
    assert.equal(sessionState({ last_seen_at: at(-IDLE * MIN), expires_at: NOW }, NOW, IDLE), 'absolute_expired');
  });
});

describe('hashToken', () => {
  it('is the hex sha256 of the token', () => {
    assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(hashToken(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const token = 'q2Vd0u8n3mXr7yP1zK9b4cT6wH5jL0aE2fG8sR1tY3i';
    assert.equal(hashToken(token), createHash('sha256').update(token).digest('hex'));
  });

  it('is 64 lower-case hex characters that do not reveal the token', () => {
    const token = 'secret-session-token';
    const h = hashToken(token);
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.ok(!h.includes(token));
  });

  it('is stable and differs between tokens', () => {
    assert.equal(hashToken('token-1'), hashToken('token-1'));
    assert.notEqual(hashToken('token-1'), hashToken('token-2'));
    assert.notEqual(hashToken('token-1'), hashToken('Token-1'));
  });
});
