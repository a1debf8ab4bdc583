/**
 * The grouping off the event loop: a worker thread gives the same groups as grouping in place,
 * and the event loop keeps turning while it works.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterDocs, type ClusterDoc } from './cluster.js';
import { groupOpinions } from './grouping.js';
import { loadLabelled } from './labelled.js';

describe('grouping in a worker thread', () => {
  // The labelled set, eight times over with fresh ids: large enough for the worker to take a while.
  const set = loadLabelled();
  const docs: ClusterDoc[] = [];
  for (let copy = 0; copy < 8; copy++) {
    for (const o of set.opinions) docs.push({ id: copy * 100_000 + o.id, text: o.content, category: o.category || null, village: o.village || null, town: o.town || null });
  }

  it('gives the same groups as grouping in place', async () => {
    const inPlace = clusterDocs(docs);
    const offThread = await groupOpinions(docs, 0);
    assert.deepEqual(offThread, inPlace);
    assert.ok(inPlace.length > 30);
  });

  it('leaves the event loop free meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 5);
    const started = performance.now();
    await groupOpinions(docs, 0);
    clearInterval(timer);
    const ms = performance.now() - started;
    // Grouped in place, no timer could fire before it ends; here they fire throughout.
    assert.ok(ticks >= 3, `${ticks} timer ticks in ${ms.toFixed(0)} ms`);
  });

  it('groups small inputs in place', async () => {
    const few = docs.slice(0, 50);
    assert.deepEqual(await groupOpinions(few), clusterDocs(few));
  });
});
