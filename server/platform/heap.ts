import v8 from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again. Left to itself V8 grows the heap by up to several times while the program
 * allocates fast, which is what a large import does: streaming a 100 000-row roster kept about
 * 100 MB alive but let the heap reach 380 MB of mostly garbage before a full collection, taking
 * the server past 750 MB. At 20 % the heap stays near what is alive; full collections come more
 * often, and V8 runs most of their marking on another thread.
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 20;

/** Applies the setting; called first thing at start. 0 leaves V8's own behaviour. */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
