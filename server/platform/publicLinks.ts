/**
 * Where constituents reach this server (`LIANXIN_PUBLIC_BASE_URL`), for links written outside a
 * request — a text message composed inside a workflow transition. Set once per process from the
 * configuration, before anything is composed (main.ts, and buildApp for tests).
 */
let base = 'http://localhost:3000';

export function setPublicBaseUrl(url: string): void {
  base = url.replace(/\/+$/, '');
}

/** An absolute link to a path of the public pages, e.g. `/m/t/7KM-4QX-2HB?key=…`. */
export function publicLink(path: string): string {
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}
