/**
 * The one place errors become responses: `{ error: { code, message, field?, value? } }`. Every
 * validation error names the field and the value; a 5xx never shows internals to the caller.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { AppError } from '../../errors.js';

interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  value?: unknown;
  [detail: string]: unknown;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const send = (status: number, body: ErrorBody) => reply.status(status).send({ error: body });
    if (error instanceof AppError) {
      return send(error.status, {
        code: error.code,
        message: error.message,
        ...(error.field === undefined ? {} : { field: error.field }),
        ...(error.value === undefined ? {} : { value: error.value }),
        ...error.details,
      });
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
      const value = path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), source);
      const allowed = (issue.params as { allowedValues?: unknown[] }).allowedValues;
      const message = missing !== undefined ? 'is required'
        : unknown !== undefined ? 'is not a known field'
          : allowed !== undefined ? `must be one of ${allowed.join(', ')}`
            : issue.message ?? 'is not valid';
      return send(422, { code: 'invalid_value', message: `${field}: ${message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}.`, field, value });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return send(429, { code: 'rate_limited', message: 'Too many attempts; wait a minute and try again.' });
    if (status >= 400 && status < 500) return send(status, { code: (error.code ?? 'bad_request').toLowerCase(), message: error.message });
    request.log.error({ err: error }, 'unexpected error');
    return send(500, { code: 'internal_error', message: 'Something went wrong on our side. It has been logged; try again.' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } }));
}
