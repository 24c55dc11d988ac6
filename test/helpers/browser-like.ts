import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

let nextAddress = 1;

/**
 * A tiny cookie-keeping client over app.inject(): it follows the same steps a browser does (GET the form,
 * read its CSRF token, POST it back) so tests exercise the real CSRF and session path.
 */
export class FormClient {
  private cookies = new Map<string, string>();
  /** Each client comes from its own address, as separate people would, so per-address rate limits apply per client. */
  readonly remoteAddress = `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress++ & 255}`;

  constructor(private readonly app: FastifyInstance) {}

  /** The cookies held, as a Cookie header (for requests sent outside the client, e.g. many at once). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookieHeader(), ...headers },
    });
    this.keep(response);
    return response;
  }

  /** POSTs a form; the CSRF token is taken from the page at `formUrl` unless one is given. */
  async post(
    url: string,
    fields: Record<string, string>,
    options: { formUrl?: string; csrf?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    let token = options.csrf;
    if (token === undefined) token = csrfFrom((await this.get(options.formUrl ?? url)).body);
    const body = new URLSearchParams(token === null ? fields : { _csrf: token ?? '', ...fields }).toString();
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      payload: body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.keep(response);
    return response;
  }

  async json(
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    csrf?: string,
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), accept: 'application/json' };
    if (csrf) headers['x-csrf-token'] = csrf;
    const response = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.remoteAddress,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    this.keep(response);
    return response;
  }
}

export function csrfFrom(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}
