import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { auditHash, canonicalJson, GENESIS_HASH, type AuditFacts } from './hash.js';

describe('canonicalJson', () => {
  it('sorts object keys', () => {
    assert.equal(canonicalJson({ b: 1, a: 2, c: 3 }), '{"a":2,"b":1,"c":3}');
  });

  it('sorts keys at every depth, including objects inside arrays', () => {
    const value = { z: { y: 1, x: [{ d: 1, c: { f: 2, e: 3 } }] }, a: null };
    assert.equal(canonicalJson(value), '{"a":null,"z":{"x":[{"c":{"e":3,"f":2},"d":1}],"y":1}}');
  });

  it('gives the same text whatever the insertion order', () => {
    const one = { name: '张三', region: { code: '451103', path: '45.4511.451103.' }, tags: ['a', 'b'] };
    const two = { tags: ['a', 'b'], region: { path: '45.4511.451103.', code: '451103' }, name: '张三' };
    assert.equal(canonicalJson(one), canonicalJson(two));
  });

  it('drops undefined properties at every depth', () => {
    assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
    assert.equal(canonicalJson({ o: { x: undefined, y: 2 } }), '{"o":{"y":2}}');
    assert.equal(canonicalJson({ a: undefined }), '{}');
    assert.equal(canonicalJson({ a: undefined, b: 1 }), canonicalJson({ b: 1 }));
  });

  it('keeps null properties (null is a fact, undefined is absence)', () => {
    assert.equal(canonicalJson({ a: null }), '{"a":null}');
    assert.notEqual(canonicalJson({ a: null }), canonicalJson({ a: undefined }));
  });

  it('writes top-level null and undefined, and undefined array items, as null (like JSON)', () => {
    assert.equal(canonicalJson(null), 'null');
    assert.equal(canonicalJson(undefined), 'null');
    assert.equal(canonicalJson([1, undefined, 2]), '[1,null,2]');
    assert.equal(canonicalJson([1, undefined, 2]), JSON.stringify([1, undefined, 2]));
  });

  it('writes Dates as ISO strings', () => {
    const at = new Date('2024-03-05T06:07:08.009Z');
    assert.equal(canonicalJson(at), '"2024-03-05T06:07:08.009Z"');
    assert.equal(canonicalJson({ at }), '{"at":"2024-03-05T06:07:08.009Z"}');
    assert.equal(canonicalJson([at]), '["2024-03-05T06:07:08.009Z"]');
    assert.equal(canonicalJson({ at }), canonicalJson({ at: at.toISOString() }));
  });

  it('keeps array order', () => {
    assert.equal(canonicalJson([3, 1, 2]), '[3,1,2]');
    assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
    assert.equal(canonicalJson([{ b: 1, a: 2 }, 'x']), '[{"a":2,"b":1},"x"]');
  });

  it('writes scalars as JSON', () => {
    assert.equal(canonicalJson(42), '42');
    assert.equal(canonicalJson(-1.5), '-1.5');
    assert.equal(canonicalJson(true), 'true');
    assert.equal(canonicalJson(false), 'false');
    assert.equal(canonicalJson(''), '""');
    assert.equal(canonicalJson('a"b\\c\n'), JSON.stringify('a"b\\c\n'));
    assert.equal(canonicalJson('连心桥'), '"连心桥"');
  });

  it('escapes keys', () => {
    assert.equal(canonicalJson({ 'a"b': 1 }), '{"a\\"b":1}');
  });

  it('is valid JSON that parses back to the value', () => {
    const value = { z: [1, { y: 'x', b: [true, null] }], a: { c: 1.25, b: '文字' } };
    assert.deepEqual(JSON.parse(canonicalJson(value)), value);
  });

  it('distinguishes a number from its string', () => {
    assert.notEqual(canonicalJson({ id: 1 }), canonicalJson({ id: '1' }));
  });
});

const FACTS: AuditFacts = {
  at: '2024-03-05T06:07:08.009Z',
  actorAccountId: 7,
  actorName: '管理员',
  action: 'deputy.update',
  entityType: 'deputy',
  entityId: '42',
  before: { name: '张三', phone: '13812341234' },
  after: { name: '张三', phone: '13912341234' },
  ip: '127.0.0.1',
};
const AFTER = { name: '张三', phone: '13912341234' };

describe('auditHash', () => {
  it('is a hex sha256 of the previous hash, a newline and the canonical facts', () => {
    const h = auditHash(GENESIS_HASH, FACTS);
    assert.match(h, /^[0-9a-f]{64}$/);
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonicalJson(FACTS)}`).digest('hex');
    assert.equal(h, expected);
  });

  it('starts chains from 64 zeros', () => {
    assert.equal(GENESIS_HASH, '0'.repeat(64));
  });

  it('is deterministic', () => {
    assert.equal(auditHash(GENESIS_HASH, FACTS), auditHash(GENESIS_HASH, { ...FACTS }));
    assert.equal(auditHash(GENESIS_HASH, FACTS), auditHash(GENESIS_HASH, structuredClone(FACTS)));
  });

  it('ignores key order in the facts and in before/after', () => {
    const reordered: AuditFacts = {
      ip: FACTS.ip, after: { phone: '13912341234', name: '张三' }, before: { phone: '13812341234', name: '张三' },
      entityId: FACTS.entityId, entityType: FACTS.entityType, action: FACTS.action,
      actorName: FACTS.actorName, actorAccountId: FACTS.actorAccountId, at: FACTS.at,
    };
    assert.equal(auditHash(GENESIS_HASH, reordered), auditHash(GENESIS_HASH, FACTS));
  });

  it('changes when any single fact changes', () => {
    const base = auditHash(GENESIS_HASH, FACTS);
    const changes: Partial<AuditFacts>[] = [
      { at: '2024-03-05T06:07:08.010Z' },
      { actorAccountId: 8 },
      { actorAccountId: null },
      { actorName: '管理员 ' },
      { action: 'deputy.create' },
      { entityType: 'station' },
      { entityId: '43' },
      { entityId: null },
      { before: { name: '张三', phone: '13812341235' } },
      { before: null },
      { after: { name: '张三', phone: '13912341234', extra: true } },
      { after: null },
      { ip: '127.0.0.2' },
      { ip: null },
    ];
    const seen = new Set([base]);
    for (const change of changes) {
      const h = auditHash(GENESIS_HASH, { ...FACTS, ...change });
      assert.notEqual(h, base, JSON.stringify(change));
      seen.add(h);
    }
    assert.equal(seen.size, changes.length + 1, 'every change gives a distinct hash');
  });

  it('changes when the previous hash changes', () => {
    const a = auditHash(GENESIS_HASH, FACTS);
    const b = auditHash(`${'0'.repeat(63)}1`, FACTS);
    const c = auditHash(a, FACTS);
    assert.notEqual(a, b);
    assert.notEqual(a, c);
    assert.notEqual(b, c);
  });

  describe('a chain of three links', () => {
    const rows = [
      { ...FACTS, action: 'deputy.create', before: null },
      { ...FACTS, action: 'deputy.update' },
      { ...FACTS, action: 'deputy.deactivate', before: AFTER, after: { ...AFTER, active: false } },
    ];

    function chain(facts: AuditFacts[]): string[] {
      const hashes: string[] = [];
      let prev = GENESIS_HASH;
      for (const f of facts) {
        prev = auditHash(prev, f);
        hashes.push(prev);
      }
      return hashes;
    }

    /** Index of the first row whose stored hash does not match its recomputed link, or -1. */
    function firstBroken(facts: AuditFacts[], hashes: string[]): number {
      let prev = GENESIS_HASH;
      for (let i = 0; i < facts.length; i++) {
        if (auditHash(prev, facts[i]!) !== hashes[i]) return i;
        prev = hashes[i]!;
      }
      return -1;
    }

    it('verifies when untouched', () => {
      const hashes = chain(rows);
      assert.equal(new Set(hashes).size, 3);
      assert.equal(firstBroken(rows, hashes), -1);
    });

    it('detects a changed middle row', () => {
      const hashes = chain(rows);
      const tampered = [rows[0]!, { ...rows[1]!, after: { name: '李四', phone: '13912341234' } }, rows[2]!];
      assert.equal(firstBroken(tampered, hashes), 1);
    });

    it('detects a changed middle row even when its hash is recomputed: the next link breaks', () => {
      const hashes = chain(rows);
      const tampered = [rows[0]!, { ...rows[1]!, actorName: '某人' }, rows[2]!];
      const forged = [...hashes];
      forged[1] = auditHash(hashes[0]!, tampered[1]!);
      assert.notEqual(forged[1], hashes[1]);
      assert.equal(firstBroken(tampered, forged), 2);
    });

    it('detects a removed middle row', () => {
      const hashes = chain(rows);
      assert.equal(firstBroken([rows[0]!, rows[2]!], [hashes[0]!, hashes[2]!]), 1);
    });

    it('detects swapped rows', () => {
      const hashes = chain(rows);
      assert.equal(firstBroken([rows[0]!, rows[2]!, rows[1]!], [hashes[0]!, hashes[2]!, hashes[1]!]), 1);
    });
  });
});
