// The bare-Fastify hello world: the ceiling every benchmark figure is read against. `/bytes/N` answers N bytes
// of HTML, so a large page can also be read against bare Fastify sending the same amount.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const bodies = new Map();
app.get('/bytes/:n', async (request, reply) => {
  const n = Math.min(Number(request.params.n) || 0, 1_000_000);
  if (!bodies.has(n)) bodies.set(n, Buffer.alloc(n, 'x'));
  return reply.type('text/html; charset=utf-8').send(bodies.get(n));
});
await app.listen({ host: '127.0.0.1', port: Number(process.argv[2]) });
