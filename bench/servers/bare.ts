/** P2's baseline: a bare Fastify handler returning a constant. Prints its port, then serves. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/api/networks/summit/test-call', async () => ({ ok: true }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`PORT ${(app.server.address() as { port: number }).port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
