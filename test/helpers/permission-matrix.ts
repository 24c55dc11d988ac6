import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { PUBLIC } from '../../src/shared/policy/registry.ts';
import type { RegisteredRoute } from '../../src/shared/http/route-kernel.ts';
import type { FormClient } from './browser-like.ts';

// The engine of the generated permission tests: each zone's test file names its actors and sample values, and
// the routes come from the app itself (`app.routeList`), so a new route is covered the moment it is registered.

/** The route's address with each `:param` replaced by the sample of that name; a param without one fails. */
export function sampleUrl(
  route: Pick<RegisteredRoute, 'url'>,
  samples: Readonly<Record<string, string>>,
): string {
  return route.url.replace(/:(\w+)/g, (_all, name: string) => {
    const value = samples[name];
    assert.ok(value !== undefined, `${route.url}: no sample value for :${name}`);
    return encodeURIComponent(value);
  });
}

export interface Answer {
  status: number;
  code: string | undefined;
  location: string | undefined;
}

function answerOf(response: LightMyRequestResponse): Answer {
  let code: string | undefined;
  if ((response.headers['content-type'] ?? '').toString().startsWith('application/json')) {
    code = (JSON.parse(response.body) as { error?: { code?: string } }).error?.code;
  }
  const location = response.headers.location;
  return { status: response.statusCode, code, location: typeof location === 'string' ? location : undefined };
}

/**
 * Asks as an API client would (JSON, no CSRF token): the permission is decided before the CSRF check and the
 * body, so nothing is changed by asking, and the answer says whether the kernel let the request through.
 */
export async function askAsApi(client: FormClient, method: string, url: string): Promise<Answer> {
  return answerOf(await client.json(method as 'GET' | 'POST', url));
}

export async function askAsPage(client: FormClient, url: string): Promise<Answer> {
  return answerOf(await client.get(url));
}

/** The same request as a form post with a valid CSRF token, so the handler itself answers. */
export async function postForm(
  client: FormClient,
  url: string,
  token: string,
  fields: Record<string, string> = {},
): Promise<Answer> {
  return answerOf(await client.post(url, fields, { csrf: token }));
}

/**
 * One route asked about another's record (`there`) and about a missing one (`absent`), as the API and as a page
 * for a GET, as a form post otherwise: both must get the same 404, so a record cannot be probed.
 */
export async function assertAnswersAsMissing(
  client: FormClient,
  token: string,
  route: RegisteredRoute,
  urls: { there: string; absent: string },
  fields: Record<string, string> = {},
): Promise<void> {
  const label = describeRoute(route);
  if (route.method === 'GET') {
    const [a, b] = [await askAsApi(client, 'GET', urls.there), await askAsApi(client, 'GET', urls.absent)];
    assert.deepEqual(a, b, label);
    assert.equal(a.status, 404, label);
    assert.deepEqual(await askAsPage(client, urls.there), await askAsPage(client, urls.absent), label);
  } else {
    const a = await postForm(client, urls.there, token, fields);
    const b = await postForm(client, urls.absent, token, fields);
    assert.deepEqual(a, b, label);
    assert.equal(a.status, 404, label);
  }
}

/** Let through by the kernel: neither "sign in" nor "not allowed" (a 404, 422 or CSRF refusal may follow). */
export function passedKernel(answer: Answer): boolean {
  return answer.status !== 401 && answer.code !== 'FORBIDDEN' && answer.code !== 'UNAUTHENTICATED';
}

export function describeRoute(route: RegisteredRoute): string {
  return `${route.method} ${route.url} (${route.permission})`;
}

/** Every protected route refuses a visitor who is not signed in: pages send him to sign in, the API says 401. */
export async function assertVisitorRefusedEverywhere(
  app: FastifyInstance,
  client: FormClient,
  samples: Readonly<Record<string, string>>,
  signInPath: string,
): Promise<void> {
  for (const route of app.routeList.filter((r) => r.permission !== PUBLIC)) {
    const url = sampleUrl(route, samples);
    const api = await askAsApi(client, route.method, url);
    assert.deepEqual([api.status, api.code], [401, 'UNAUTHENTICATED'], describeRoute(route));
    // The JSON API answers 401 whatever the Accept header says; pages send the visitor to sign in.
    if (route.method === 'GET' && !url.startsWith('/api/')) {
      const page = await askAsPage(client, url);
      assert.equal(page.status, 303, describeRoute(route));
      assert.equal(page.location, `${signInPath}?next=${encodeURIComponent(url)}`, describeRoute(route));
    }
  }
}

/** Every public route lets a visitor through (what it then answers is its own business). */
export async function assertPublicRoutesOpen(
  app: FastifyInstance,
  client: FormClient,
  samples: Readonly<Record<string, string>>,
): Promise<void> {
  for (const route of app.routeList.filter((r) => r.permission === PUBLIC)) {
    const answer = await askAsApi(client, route.method, sampleUrl(route, samples));
    assert.ok(passedKernel(answer), `${describeRoute(route)}: ${JSON.stringify(answer)}`);
  }
}
