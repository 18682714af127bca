/**
 * Errors a client can act on: an HTTP status, a stable machine code clients switch on, the field
 * and value at fault when there is one, and a sentence for people. Created only by the factories
 * below; the API's error handler maps them, and hides everything else behind a 500.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly value?: unknown,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const errors = {
  validation: (field: string, value: unknown, message: string, code = 'invalid_value') => new AppError(422, code, message, field, value),
  notFound: (resource: string, id: string) => new AppError(404, 'not_found', `No ${resource} ${JSON.stringify(id)}.`),
  invalidLogin: () => new AppError(401, 'invalid_login', 'The email or the password is wrong.'),
  unauthenticated: () => new AppError(401, 'unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".'),
  forbidden: (action: string) => new AppError(403, 'forbidden', `You are not allowed to ${action}.`),
  csrf: () =>
    new AppError(
      403,
      'csrf_token_missing',
      'A signed-in browser request that changes something must carry the X-CSRF-Token header from the session.',
    ),
  stale: (resource: string, expected: number, actual: number) =>
    new AppError(
      412,
      'version_mismatch',
      `The ${resource} changed since you loaded it (version ${expected}, now ${actual}); reload and try again.`,
      'If-Match',
      expected,
      { currentVersion: actual },
    ),
  versionRequired: (resource: string) =>
    new AppError(
      428,
      'version_required',
      `Send the ${resource}'s version in If-Match (from its ETag) so that no change is overwritten silently.`,
      'If-Match',
    ),
  conflict: (code: string, field: string, value: unknown, message: string, details?: Record<string, unknown>) =>
    new AppError(409, code, message, field, value, details),
  tooManyRequests: (message: string) => new AppError(429, 'rate_limited', message),
  /** A body of a type the route does not take (a provider's webhook is a form). */
  unsupportedMediaType: (expected: string) =>
    new AppError(415, 'unsupported_media_type', `Content-Type: must be ${expected}.`, 'Content-Type'),
  /** A telephony webhook whose signature does not verify with a known account's secret. */
  badSignature: (header: string) =>
    new AppError(403, 'bad_signature', `The request is not signed by a provider account Switchboard knows (${header}).`, header),
  /** A feature this node's configuration leaves off: the setting that turns it on is named. */
  notConfigured: (setting: string, message: string) => new AppError(503, 'not_configured', message, setting),
};
