/**
 * The web UI (web/, built by Vite into web/dist) at `/`. Everything outside /api is the static
 * application shell, public like any login page; the data behind it needs the API's
 * authentication. Unknown paths get index.html so that deep links (a tenant's settings opened in
 * a new tab) load the app, which routes them itself.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { errors } from '../../../shared/errors.js';

/** Serves the built UI from `root`, or a page saying how to build it when it is missing. */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_request, reply) =>
      reply
        .status(503)
        .type('text/plain')
        .send('The web UI is not built. Run `npm run build:web` (npm start does it for you), or use the API at /api/docs.'),
    );
    return;
  }
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false });
  // The security headers (CSP, nosniff, no framing) are on every response: security-headers.ts.
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');

  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    let path: string;
    try {
      path = normalize(decodeURIComponent(request.url.split('?')[0]!)).replace(/^\/+/, '');
    } catch {
      return sendIndex(reply); // a malformed %-escape names no file
    }
    if (path === 'api' || path.startsWith('api/')) throw errors.notFound('route', `${request.method} ${request.url.split('?')[0]}`);
    if (path !== '' && !path.startsWith('..') && isFile(join(root, path))) {
      // Vite names built assets by content hash: they never change under the same name.
      const cache = path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      return reply.header('cache-control', cache).sendFile(path);
    }
    return sendIndex(reply);
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
