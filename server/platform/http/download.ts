/**
 * `Content-Disposition` for a file download. The name goes in `filename*` (RFC 5987/6266:
 * UTF-8, percent-encoded), which every current browser reads, so Chinese names survive;
 * `filename` carries an ASCII stand-in for clients that know only that parameter.
 */
export function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
