/**
 * Security headers on every response, from the maintained `helmet` library in one onRequest hook:
 * nosniff, no framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY`), a same-origin
 * referrer, a Content-Security-Policy that allows only Switchboard's own scripts, and HSTS when
 * the deployment says it is served over TLS (SWITCHBOARD_HSTS). The API documentation's page has
 * its own CSP (@fastify/swagger-ui's), with the same framing rule.
 *
 * Not @fastify/helmet: it builds a new helmet middleware (parsing every CSP directive) on each
 * request, which cost a quarter of P2's throughput; helmet's middleware is built once here.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export interface HeaderOptions {
  /** Strict-Transport-Security (a year, subdomains) and upgrade-insecure-requests: only behind TLS. */
  readonly hsts: boolean;
}

export function registerSecurityHeaders(app: FastifyInstance, options: HeaderOptions): void {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Over plain HTTP (one machine, a LAN) this would send the page's own requests to https.
        upgradeInsecureRequests: options.hsts ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    hsts: options.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The UI loads nothing from other origins; the defaults that would block a download stay off.
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    // A telephony provider's webhook is answered with TwiML that no browser renders: the headers
    // that protect a browser's page protect nothing there, and cost a tenth of a webhook (P8).
    if (request.url.startsWith('/twilio/')) return done();
    setHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
  });
}

/**
 * @fastify/swagger-ui's own CSP for the documentation page, never framed; Swagger UI sets inline
 * styles (scripts stay its own files only), and loads nothing from elsewhere.
 */
export const docsCsp = {
  staticCSP: true,
  transformStaticCSP: (header: string) =>
    header
      .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
      .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
      .replace("font-src 'self' https: data:", "font-src 'self' data:")
      .replace(' upgrade-insecure-requests;', ''),
} as const;
