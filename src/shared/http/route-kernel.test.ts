import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify, { type FastifyRequest } from 'fastify';
import { definePolicy, PolicyRegistry, PUBLIC } from '../policy/registry.ts';
import { AppError } from './errors.ts';
import { installRouteKernel, mustAllow } from './route-kernel.ts';

interface Clerk {
  name: string;
  desk: string;
}

const registry = new PolicyRegistry<Clerk>([
  definePolicy<Clerk>('desk', {
    'desk.work': (clerk, record) =>
      record === undefined ? clerk.desk !== 'none' : (record as { desk: string }).desk === clerk.desk,
  }),
]);
const people: Record<string, Clerk> = { ann: { name: 'ann', desk: 'A' }, bob: { name: 'bob', desk: 'none' } };

function build() {
  const app = Fastify();
  app.decorateRequest('lang', 'zh');
  app.decorateRequest('clerk', undefined);
  installRouteKernel(app, {
    registry,
    signInPath: '/login',
    loadActor: async (request) => {
      (request as FastifyRequest & { clerk?: Clerk }).clerk = people[String(request.headers['x-who'])];
    },
    actorOf: (request) => (request as FastifyRequest & { clerk?: Clerk }).clerk,
  });
  app.setErrorHandler((error: AppError, _request, reply) =>
    reply.code(error.status).send({ code: error.code }),
  );
  return app;
}

describe('route kernel', () => {
  test('a route that declares no permission, or one no policy defines, stops the app', async () => {
    const bare = build();
    assert.throws(() => bare.get('/open', async () => 'x'), /GET \/open declares no permission/);
    const unknown = build();
    assert.throws(
      () => unknown.get('/x', { config: { permission: 'desk.burn' } }, async () => 'x'),
      /needs desk.burn, which no policy defines/,
    );
  });

  test('sign in first, then the rules decide; the route list records what each route needs', async () => {
    const app = build();
    app.get('/', { config: { permission: PUBLIC } }, async () => 'home');
    app.get('/desk/:id', { config: { permission: 'desk.work' } }, async (request) => {
      const clerk = (request as FastifyRequest & { clerk?: Clerk }).clerk;
      mustAllow(registry, clerk, 'desk.work', { desk: (request.params as { id: string }).id });
      return 'desk';
    });
    await app.ready();
    assert.deepEqual(app.routeList, [
      { method: 'GET', url: '/', permission: 'public' },
      { method: 'GET', url: '/desk/:id', permission: 'desk.work' },
    ]);
    const ask = (url: string, who?: string, accept = 'text/html') =>
      app.inject({ url, headers: { accept, ...(who ? { 'x-who': who } : {}) } });
    assert.equal((await ask('/')).statusCode, 200);
    const anonymous = await ask('/desk/A');
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/login?next=%2Fdesk%2FA');
    assert.equal((await ask('/desk/A', undefined, 'application/json')).statusCode, 401);
    assert.equal((await ask('/desk/A', 'bob')).statusCode, 403);
    assert.equal((await ask('/desk/A', 'ann')).statusCode, 200);
    // Another desk's record answers as a missing one would.
    assert.equal((await ask('/desk/B', 'ann')).statusCode, 404);
  });
});
