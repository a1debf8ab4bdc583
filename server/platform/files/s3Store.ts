import aws4 from 'aws4';
import { assertHash, sha256Of, StoredFileMissingError, type FileStore, type ListedFile, type StoredFile } from './store.js';

export interface S3Config {
  /** The service's base URL, e.g. `https://oss-cn-shenzhen.aliyuncs.com` or `http://127.0.0.1:9000`; requests are path-style (`/bucket/key`). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Keys live under this prefix in the bucket, so the bucket may hold other things too. */
const PREFIX = 'files/';

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, Aliyun OSS, Tencent COS …),
 * one object per content hash, over Node's fetch with requests signed by Signature Version 4
 * (`aws4`). The payload hash that SigV4 signs is the content hash itself, so the store verifies
 * the upload arrived whole. A PUT is atomic on every S3-compatible store.
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  private readonly base: URL;

  /** `listPageSize`: keys per listing request (the service's default, 1000, when absent). */
  constructor(readonly config: S3Config, private readonly options: { listPageSize?: number } = {}) {
    this.base = new URL(config.endpoint);
  }

  private keyOf(sha256: string): string {
    assertHash(sha256);
    return `${PREFIX}${sha256}`;
  }

  private async request(method: 'GET' | 'PUT' | 'HEAD' | 'DELETE', key: string, opts: { query?: string; body?: Uint8Array; payloadSha256?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const prefix = this.base.pathname.replace(/\/+$/, '');
    // Path-style: `/bucket/key`, or `/bucket` itself for a listing.
    const object = key ? `/${key.split('/').map(encodeURIComponent).join('/')}` : '';
    const path = `${prefix}/${encodeURIComponent(this.config.bucket)}${object}${opts.query ? `?${opts.query}` : ''}`;
    const headers: Record<string, string> = { ...opts.headers };
    // The SigV4 payload hash: the body's SHA-256 (the empty string's for requests without one).
    headers['X-Amz-Content-Sha256'] = opts.payloadSha256 ?? sha256Of(opts.body ?? new Uint8Array());
    const signed = aws4.sign({
      host: this.base.host, path, method, service: 's3', region: this.config.region, headers,
      ...(opts.body ? { body: Buffer.from(opts.body.buffer, opts.body.byteOffset, opts.body.byteLength) } : {}),
    }, { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey });
    const sent = Object.fromEntries(Object.entries(signed.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'host' && k.toLowerCase() !== 'content-length').map(([k, v]) => [k, String(v)]));
    const body = opts.body ? new Blob([new Uint8Array(opts.body.buffer as ArrayBuffer, opts.body.byteOffset, opts.body.byteLength)]) : null;
    return fetch(`${this.base.protocol}//${this.base.host}${path}`, { method, headers: sent, body });
  }

  private async fail(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    throw new Error(`S3 ${what} failed: ${res.status}${code ? ` ${code}` : ''} (${this.config.endpoint}, bucket ${this.config.bucket})`);
  }

  async put(bytes: Uint8Array, mime: string): Promise<StoredFile> {
    const sha256 = sha256Of(bytes);
    const res = await this.request('PUT', this.keyOf(sha256), { body: bytes, payloadSha256: sha256, headers: { 'Content-Type': mime || 'application/octet-stream' } });
    if (!res.ok) await this.fail(res, `PUT ${sha256}`);
    await res.arrayBuffer();
    return { sha256, size: bytes.length, mime };
  }

  async get(sha256: string): Promise<Buffer> {
    const res = await this.request('GET', this.keyOf(sha256));
    if (res.status === 404) {
      await res.arrayBuffer();
      throw new StoredFileMissingError(sha256, `${this.config.endpoint}/${this.config.bucket}`);
    }
    if (!res.ok) await this.fail(res, `GET ${sha256}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async has(sha256: string): Promise<boolean> {
    const res = await this.request('HEAD', this.keyOf(sha256));
    await res.arrayBuffer();
    if (res.status === 404) return false;
    if (!res.ok) await this.fail(res, `HEAD ${sha256}`);
    return true;
  }

  async delete(sha256: string): Promise<void> {
    const res = await this.request('DELETE', this.keyOf(sha256));
    if (!res.ok && res.status !== 404) await this.fail(res, `DELETE ${sha256}`);
    await res.arrayBuffer();
  }

  /**
   * ListObjects (version 1) under the prefix, page by page, each page starting after the last key
   * of the one before (every S3-compatible store has it; s3rver's ListObjectsV2 cannot page on
   * Node 17+, whose OpenSSL lacks the DES its continuation tokens use).
   */
  async *list(): AsyncIterable<ListedFile> {
    let marker = '';
    for (;;) {
      const query = [marker && `marker=${encodeURIComponent(marker)}`, this.options.listPageSize && `max-keys=${this.options.listPageSize}`, `prefix=${encodeURIComponent(PREFIX)}`]
        .filter(Boolean).join('&');
      const res = await this.request('GET', '', { query });
      if (!res.ok) await this.fail(res, 'LIST');
      const xml = await res.text();
      let lastKey = '';
      for (const [, body] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = unescapeXml(/<Key>([^<]*)<\/Key>/.exec(body!)?.[1] ?? '');
        const modified = /<LastModified>([^<]*)<\/LastModified>/.exec(body!)?.[1];
        lastKey = key;
        const sha256 = key.slice(PREFIX.length);
        if (key.startsWith(PREFIX) && /^[0-9a-f]{64}$/.test(sha256) && modified) yield { sha256, modifiedAt: new Date(modified) };
      }
      if (!/<IsTruncated>true<\/IsTruncated>/.test(xml) || !lastKey) return;
      marker = lastKey;
    }
  }

  /** Nothing to remove: a PUT stores an object whole or not at all. */
  removeStaleTemporaries(): Promise<number> {
    return Promise.resolve(0);
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}
