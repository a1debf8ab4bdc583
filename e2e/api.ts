/** Setting the stage for a browser test through the API, as another device would. */
import { BASE_URL, DEMO_PASSWORD } from './browser.js';

let n = 0;

export class ApiClient {
  private cookie = '';
  private csrf = '';
  private readonly ip = `10.78.0.${++n}`;

  async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${BASE_URL}${url}`, {
      method,
      headers: {
        'x-forwarded-for': this.ip,
        ...(this.cookie && { cookie: this.cookie }),
        ...(method !== 'GET' && { 'x-csrf-token': this.csrf }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const session = res.headers.getSetCookie().find((c) => c.startsWith('lx_session='));
    if (session) this.cookie = session.split(';')[0]!;
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  get<T>(url: string) { return this.request<T>('GET', url); }
  post<T>(url: string, body: unknown = {}) { return this.request<T>('POST', url, body); }

  static async signIn(username: string): Promise<ApiClient> {
    const c = new ApiClient();
    c.csrf = (await c.post<{ csrfToken: string }>('/api/auth/login', { username, password: DEMO_PASSWORD })).csrfToken;
    return c;
  }
}

export async function stationId(name: string): Promise<number> {
  const page = await new ApiClient().get<{ items: { id: number; name: string }[] }>(`/api/public/stations?q=${encodeURIComponent(name)}`);
  const found = page.items.find((s) => s.name === name);
  if (!found) throw new Error(`no station ${name}`);
  return found.id;
}
