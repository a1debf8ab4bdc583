/**
 * The grouping's quality on the labelled set (labelled/opinions.json, written for the purpose):
 * the pairwise F1 and the adjusted Rand index must stay at or above the level stated in
 * docs/HOT_TOPICS.md and docs/BENCHMARKS.md (measured 0.72 ARI and 0.73 F1 at 605 opinions in 37 topics).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelledQuality } from './labelled.js';
import { clusterDocs, scoreGrouping } from './cluster.js';
import { maskText } from './mask.js';

/** The level reported in the docs; the test fails below it. */
const REPORTED = { ari: 0.68, f1: 0.68 };

describe('hot-topic grouping quality', () => {
  it('groups the labelled set at or above the reported level', () => {
    const q = labelledQuality();
    assert.ok(q.opinions >= 500 && q.topics >= 30, `the labelled set holds ${q.opinions} opinions in ${q.topics} topics`);
    assert.ok(q.ari >= REPORTED.ari, `adjusted Rand ${q.ari.toFixed(3)} < ${REPORTED.ari}`);
    assert.ok(q.f1 >= REPORTED.f1, `pairwise F1 ${q.f1.toFixed(3)} < ${REPORTED.f1}`);
  });

  it('scores a perfect, a random-like and a lumped grouping as expected', () => {
    const truth = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c'];
    assert.equal(scoreGrouping(truth, [1, 1, 1, 2, 2, 2, 3, 3]).ari, 1);
    const lumped = scoreGrouping(truth, [1, 1, 1, 1, 1, 1, 1, 1]);
    assert.equal(lumped.recall, 1);
    assert.ok(lumped.ari <= 0.001);
    assert.ok(scoreGrouping(truth, [1, 2, 3, 1, 2, 3, 1, 2]).ari < 0.2);
  });

  it('puts differently worded opinions about one issue together and keeps another issue apart', () => {
    const docs = ['村里路灯坏了一个多月,晚上出行不方便。', '路灯不亮,晚上走路很危险。', '主路路灯都不亮了,晚上只能打手电。',
      '自来水水压太低,二楼上不去水。', '水压不够,自来水白天基本没水。', '用水高峰自来水水压低。']
      .map((text, id) => ({ id, text, category: null, village: '公和村' }));
    const groups = clusterDocs(docs).map((c) => c.members.map((m) => m.id).sort());
    assert.deepEqual(groups.sort(), [[0, 1, 2], [3, 4, 5]]);
  });

  it('masks phone-like digits and identity numbers in the text', () => {
    assert.equal(maskText('请打13812345678或138 1234 5678联系'), '请打138****5678或138****5678联系');
    assert.equal(maskText('座机0774-8881234'), '座机077****1234');
    assert.equal(maskText('电话8881234'), '电话****1234');
    assert.equal(maskText('身份证452402199001011234'), '身份证452*************34');
    assert.equal(maskText('2024年3月修了3次'), '2024年3月修了3次');
  });
});
