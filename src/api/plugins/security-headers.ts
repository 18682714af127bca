/**
 * Security headers on every response, from one maintained plugin (@fastify/helmet): nosniff,
 * no framing (`frame-ancestors 'none'` and `X-Frame-Options: DENY`), a same-origin referrer, a
 * Content-Security-Policy that allows only Switchboard's own scripts, and HSTS when the
 * deployment says it is served over TLS (SWITCHBOARD_HSTS). The API documentation's page needs
 * its own inline script and style: its CSP is @fastify/swagger-ui's, with the same framing rule.
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface HeaderOptions {
  /** Strict-Transport-Security (a year, subdomains) and upgrade-insecure-requests: only behind TLS. */
  readonly hsts: boolean;
}

export async function registerSecurityHeaders(app: FastifyInstance, options: HeaderOptions): Promise<void> {
  await app.register(helmet, {
    global: true,
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
}

/**
 * @fastify/swagger-ui's own CSP for the documentation page, never framed; Swagger UI sets inline
 * styles (scripts stay its own files only), and loads nothing from elsewhere.
 */
export const docsCsp = {
  staticCSP: true,
  transformStaticCSP: (header: string) => header
    .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
    .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
    .replace("font-src 'self' https: data:", "font-src 'self' data:")
    .replace(' upgrade-insecure-requests;', ''),
} as const;
