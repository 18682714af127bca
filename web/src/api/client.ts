/**
 * The one way the UI talks to the server: openapi-fetch typed by the server's own OpenAPI document
 * (schema.d.ts). Writes carry the session's CSRF token; a settings write carries the version it
 * was read at (If-Match), so two administrators never overwrite each other silently.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** An error from the API: `{ error: { code, message, field?, value? } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly value?: unknown,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Whether the server named this field (its last path segment, e.g. `body.defaultDestination.number` is `number`). */
  isAbout(field: string): boolean {
    return this.field !== undefined && (this.field === field || this.field.endsWith(`.${field}`));
  }
}

let csrfToken: string | null = null;

/** Remembered from the session (sign-in or GET /api/session). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    // C15: the audit log tells the UI's changes from the API's by the credential (a session), not a header.
    if (request.method !== 'GET' && csrfToken !== null) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(csrf);

/** If-Match for a settings resource read at `version`. */
export const ifMatch = (version: number) => ({ 'if-match': `"v${version}"` });

/** The data of an openapi-fetch result, or its error as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached. Check your connection and try again.');
  }
  if (result.response.ok) return result.data as T;
  const body = (result.error ?? {}) as {
    error?: { code?: string; message?: string; field?: string; value?: unknown } & Record<string, unknown>;
  };
  const { code = 'error', message = `The server answered ${result.response.status}.`, field, value, ...details } = body.error ?? {};
  throw new ApiError(result.response.status, code, message, field, value, details);
}

/**
 * A multipart upload (the OpenAPI client sends JSON): the same CSRF header, the same
 * errors. The caller names the response type from the generated schema.
 */
export async function upload<T>(path: string, query: Record<string, string>, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = {};
  if (csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  return unwrap(
    fetch(`${path}?${new URLSearchParams(query).toString()}`, { method: 'POST', body: form, headers, credentials: 'same-origin' }).then(
      async (response) => ({
        response,
        ...(response.ok ? { data: (await response.json()) as T } : { error: await response.json().catch(() => ({})) }),
      }),
    ),
  );
}
