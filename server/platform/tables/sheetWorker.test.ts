/**
 * At most LIANXIN_IMPORT_WORKERS sheet workers run at once: further imports wait in order, stay
 * cancellable while they wait, and all finish.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { readSheet, setImportWorkers, sheetWorkerCounts } from './sheetWorker.js';
import { IMPORT_LIMITS } from './stage.js';

const L = IMPORT_LIMITS;
const options = (signal?: AbortSignal) => ({
  maxBytes: L.maxBytes, workerMb: 64, ...(signal && { signal }),
  limits: {
    maxCellChars: L.maxCellChars, maxRecordChars: L.maxRecordChars, maxBlankRows: L.maxBlankRows,
    xlsx: { maxUnpackedBytes: L.maxUnpackedBytes, maxSharedStringsBytes: L.maxSharedStringsBytes, maxXmlSegmentBytes: L.maxXmlSegmentBytes, maxEntries: L.maxZipEntries, maxCellChars: L.maxCellChars },
  },
});

/** A CSV upload arriving slowly: a header, then `rows` lines, one every 20 ms. */
async function* slowCsv(rows: number): AsyncGenerator<Buffer> {
  yield Buffer.from('姓名,电话\n');
  for (let i = 0; i < rows; i++) {
    await sleep(20);
    yield Buffer.from(`代表${i},1380013${String(i).padStart(4, '0')}\n`);
  }
}

async function count(input: AsyncIterable<Buffer>, signal?: AbortSignal): Promise<number> {
  let n = 0;
  for await (const batch of readSheet(input, options(signal))) n += batch.length;
  return n;
}

describe('sheet workers are bounded', () => {
  after(() => setImportWorkers(2));

  it('runs at most K workers at once; the others wait in order and all finish', async () => {
    setImportWorkers(2);
    sheetWorkerCounts(true);
    let maxSeen = 0;
    let waitingSeen = 0;
    const watch = setInterval(() => {
      const c = sheetWorkerCounts();
      maxSeen = Math.max(maxSeen, c.running);
      waitingSeen = Math.max(waitingSeen, c.waiting);
    }, 5);
    try {
      const counts = await Promise.all(Array.from({ length: 6 }, () => count(slowCsv(10))));
      assert.deepEqual(counts, [11, 11, 11, 11, 11, 11], 'every import read all its rows');
    } finally {
      clearInterval(watch);
    }
    assert.ok(sheetWorkerCounts().peak <= 2, `at most 2 at once (peak ${sheetWorkerCounts().peak})`);
    assert.ok(maxSeen <= 2 && maxSeen >= 1);
    assert.ok(waitingSeen >= 3, `the others waited (${waitingSeen})`);
    assert.deepEqual({ running: sheetWorkerCounts().running, waiting: sheetWorkerCounts().waiting }, { running: 0, waiting: 0 });
  });

  it('an import cancelled while it waits leaves the queue; the rest go on', async () => {
    setImportWorkers(1);
    const first = count(slowCsv(10));
    const controller = new AbortController();
    const waiting = count(slowCsv(10), controller.signal);
    await sleep(30);
    assert.equal(sheetWorkerCounts().waiting, 1);
    controller.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
    assert.equal(sheetWorkerCounts().waiting, 0);
    assert.equal(await first, 11);
    assert.equal(await count(slowCsv(2)), 3);
  });
});
