import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A heavy package that only some requests need (PDF, QR codes, pinyin), loaded on its first use
 * instead of at start: the server answers sooner after a restart, and a process that never
 * prints a poster never pays for pdfkit. Asynchronous callers use `await import()` instead.
 */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
