/**
 * P8's baseline: a bare Fastify handler that checks a webhook's signature exactly as Switchboard
 * does (the official library's validateRequest over the URL and the form) and returns a constant
 * TwiML document. Prints its port, then serves.
 */
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import twilio from 'twilio';

// The same arguments as P8's subject: the account SID, its auth token, the public URL.
const [, TOKEN, PUBLIC_URL] = process.argv.slice(2) as [string, string, string];
const TWIML = new twilio.twiml.VoiceResponse().enqueue('q-service').toString();
const app = Fastify({ logger: false });
await app.register(formbody);
app.post('/twilio/voice', async (request, reply) => {
  const form = request.body as Record<string, string>;
  const signature = request.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || !twilio.validateRequest(TOKEN, signature, `${PUBLIC_URL}${request.url}`, form))
    return reply.status(403).send({ error: 'bad signature' });
  return reply.type('text/xml; charset=utf-8').send(TWIML);
});
await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`PORT ${(app.server.address() as { port: number }).port}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
