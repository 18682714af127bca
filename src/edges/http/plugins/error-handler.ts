/**
 * The one place errors become responses: `{ error: { code, message, field?, value? } }`. Every
 * validation error names the field and the value; a 5xx never shows internals to the caller.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import { AppError } from '../../../shared/errors.js';
import { PATTERN_MESSAGES } from '../schemas.js';
import { databaseUnavailable } from '../../../app/queries/node.queries.js';

interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  value?: unknown;
  [detail: string]: unknown;
}

/** Longest text echoed back as `value`. */
const MAX_ECHO = 200;

/** Most items of a list the server itself names as the value at fault (C10's tenants). */
const MAX_LISTED = 100;

/**
 * The value at fault as it may be shown back: text and numbers (text cut to MAX_ECHO), never an
 * object or a list from the request (a caller's 5,000-deep document is not repeated to them, nor
 * stringified). A list of ids the server named itself (`listed`) is kept, capped.
 */
function echo(value: unknown, listed = false): unknown {
  if (typeof value === 'string') return value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value;
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (listed && Array.isArray(value))
    return value
      .slice(0, MAX_LISTED)
      .map((item) => echo(item))
      .filter((item) => item !== undefined);
  return undefined;
}

/** How a value is named inside a message. */
function described(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const shown = echo(value);
  return shown === undefined ? 'a value of another kind' : JSON.stringify(shown);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, body: ErrorBody, listed = false) => {
      const { value, ...rest } = body;
      const shown = echo(value, listed);
      return reply.status(status).send({ error: shown === undefined ? rest : { ...rest, value: shown } });
    };
    if (error instanceof AppError) {
      return send(
        error.status,
        {
          code: error.code,
          message: error.message,
          ...(error.field === undefined ? {} : { field: error.field }),
          ...(error.value === undefined ? {} : { value: error.value }),
          ...error.details,
        },
        true,
      );
    }
    if (error instanceof DomainError) {
      return send(422, { code: error.code, message: error.message, field: error.field, value: error.value });
    }
    if (error.validation !== undefined && error.validation.length > 0) {
      const issue = error.validation[0]!;
      const where = error.validationContext ?? 'body';
      const path = issue.instancePath.split('/').filter(Boolean);
      const missing = (issue.params as { missingProperty?: string }).missingProperty;
      const unknown = (issue.params as { additionalProperty?: string }).additionalProperty;
      if (missing !== undefined) path.push(missing);
      if (unknown !== undefined) path.push(unknown);
      const field = [where, ...path].join('.');
      const source = { body: request.body, querystring: request.query, params: request.params, headers: request.headers }[where];
      const value = path.reduce<unknown>(
        (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
        source,
      );
      const allowed = (issue.params as { allowedValues?: unknown[] }).allowedValues;
      const pattern = (issue.params as { pattern?: string }).pattern;
      const message =
        missing !== undefined
          ? 'is required'
          : unknown !== undefined
            ? 'is not a known field'
            : allowed !== undefined
              ? `must be one of ${allowed.join(', ')}`
              : pattern !== undefined && PATTERN_MESSAGES[pattern] !== undefined
                ? PATTERN_MESSAGES[pattern]
                : (issue.message ?? 'is not valid');
      return send(422, {
        code: 'invalid_value',
        message: `${field}: ${message}${value === undefined ? '' : ` (got ${described(value)})`}.`,
        field,
        value,
      });
    }
    if (databaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return send(503, {
        code: 'database_unavailable',
        message:
          'The database cannot be reached right now, so nothing can be saved or looked up: nothing was changed. Calls are still routed. Try again in a moment.',
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return send(429, { code: 'rate_limited', message: 'Too many attempts; wait a minute and try again.' });
    if (status >= 400 && status < 500) {
      // Fastify's own refusals (FST_ERR_CTP_INVALID_MEDIA_TYPE, ...): a stable code without the prefix.
      return send(status, { code: (error.code ?? 'bad_request').replace(/^FST_(ERR_)?(CTP_)?/, '').toLowerCase(), message: error.message });
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(500, { code: 'internal_error', message: 'Something went wrong on our side. It has been logged; try again.' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } }),
  );
}
