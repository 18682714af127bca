/**
 * Optimistic concurrency: a settings resource's ETag is its version (`"v7"`); a write must send it
 * back in If-Match. A stale one gets 412 and changes nothing; a missing one gets 428.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../shared/errors.js';

export function etag(version: number): string {
  return `"v${version}"`;
}

export function withETag(reply: FastifyReply, version: number): void {
  void reply.header('etag', etag(version));
}

export function expectedVersion(request: FastifyRequest, resource: string): number {
  const header = request.headers['if-match'];
  if (header === undefined) throw errors.versionRequired(resource);
  const match = /^(?:W\/)?"?v?(\d{1,15})"?$/.exec(header.trim());
  // Fifteen digits at most: a version is a counter that a database integer holds.
  if (match === null)
    throw errors.validation(
      'If-Match',
      header,
      `If-Match: ${JSON.stringify(header)} is not a version from this resource's ETag (e.g. "v3").`,
    );
  return Number(match[1]);
}
