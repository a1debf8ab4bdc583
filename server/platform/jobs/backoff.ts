const BASE_MS = 30_000;
const CAP_MS = 6 * 60 * 60_000;

/**
 * How long a job waits after its `attempts`-th run failed: 30 s, 1 min, 2 min, 4 min…
 * doubling, at most 6 hours.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_MS * 2 ** Math.max(0, attempts - 1), CAP_MS);
}
