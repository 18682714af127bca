/**
 * What every request's input must be before any route sees it, checked once for all routes:
 * - bodies are validated strictly (no type coercion: `{"enabled": null}` is refused, never read as
 *   false); query strings and path parameters, which are text by nature, are coerced;
 * - numbers are finite (no Infinity or NaN from "1e309" in a query string);
 * - a JSON body nests at most MAX_JSON_DEPTH levels (checked before parsing, so a 5,000-deep
 *   document costs one scan, not a parse and a stack);
 * - no text anywhere (body, query, path) holds a NUL character, which PostgreSQL cannot store
 *   and no person types.
 * Fastify's own JSON parser (prototype poisoning refused) and its Ajv compiler do the work.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError, errors } from '../../../shared/errors.js';

export const MAX_JSON_DEPTH = 32;

const AJV_OPTIONS = { removeAdditional: false, coerceTypes: 'array', allErrors: false, strictNumbers: true } as const;

/**
 * Fastify options: one Ajv that coerces (query, params, headers) and one that does not (bodies);
 * and the router's own refusals (a malformed %-escape, a path segment longer than any id) in the
 * usual error shape.
 */
export function strictInputOptions(): Pick<FastifyServerOptions, 'ajv' | 'schemaController' | 'frameworkErrors'> {
  const pool = AjvCompiler();
  return {
    frameworkErrors: (error, _request, raw) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const reply = raw as unknown as FastifyReply;
      void reply.status(tooLong ? 414 : 400).send({
        error: tooLong
          ? { code: 'path_too_long', message: 'A part of the URL is longer than any id Switchboard uses (100 characters).' }
          : { code: 'bad_url', message: 'The URL is not valid (for example a malformed %-escape).' },
      });
    },
    ajv: { customOptions: AJV_OPTIONS },
    schemaController: {
      compilersFactory: {
        buildValidator: (externalSchemas, ajvOptions) => {
          type Options = Parameters<typeof pool>[1];
          const coercing = pool(externalSchemas, ajvOptions as Options);
          const strict = pool(externalSchemas, { ...ajvOptions, customOptions: { ...AJV_OPTIONS, coerceTypes: false } } as Options);
          return (route) => (route.httpPart === 'body' ? strict : coercing)(route);
        },
      },
    },
  };
}

export function registerStrictInput(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, raw, done) => {
    const body = raw as string;
    if (body.trim() === '') return done(new AppError(400, 'invalid_json', 'body: is empty; send a JSON document.', 'body'), undefined);
    if (!withinDepth(body, MAX_JSON_DEPTH)) {
      return done(
        new AppError(400, 'json_too_deep', `body: nests deeper than ${MAX_JSON_DEPTH} levels; no Switchboard request needs that.`, 'body'),
        undefined,
      );
    }
    let value: unknown;
    try {
      // Fastify's own parser (secure-json-parse), with prototype poisoning refused.
      value = secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (error) {
      const poisoned = error instanceof SyntaxError && /prototype/.test(error.message);
      return done(
        poisoned
          ? new AppError(
              400,
              'forbidden_property',
              'body: holds a "__proto__" or "constructor.prototype" property, which Switchboard refuses.',
              'body',
            )
          : new AppError(400, 'invalid_json', 'body: is not valid JSON.', 'body'),
        undefined,
      );
    }
    return done(null, value);
  });

  // Coercion turns "Infinity" or "1e309" into a number that Ajv's range checks skip: refuse it here.
  // Callback hooks, not async ones: every request passes them, and a promise each is measurable (P8).
  app.addHook('preHandler', (request, _reply, done) => {
    for (const [part, input] of [
      ['params', request.params],
      ['querystring', request.query],
    ] as const) {
      for (const [key, value] of Object.entries((input ?? {}) as Record<string, unknown>)) {
        if (typeof value === 'number' && !Number.isFinite(value)) {
          return done(errors.validation(`${part}.${key}`, undefined, `${part}.${key}: must be a finite number (got ${value}).`));
        }
      }
    }
    done();
  });

  app.addHook('preValidation', (request, _reply, done) => {
    for (const [part, input] of [
      ['params', request.params],
      ['querystring', request.query],
      ['body', request.body],
    ] as const) {
      const at = nulAt(input, part, 0);
      if (at !== null) return done(errors.validation(at, undefined, `${at}: must not contain a NUL character (\\u0000).`));
    }
    done();
  });
}

/** Whether `text` (JSON) nests arrays and objects at most `max` deep. Strings are skipped. */
export function withinDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return false;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return true;
}

/** The path of the first text (value or key) holding a NUL, or null. */
function nulAt(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes('\u0000')) return path;
    const found = nulAt(inner, `${path}.${key}`, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
