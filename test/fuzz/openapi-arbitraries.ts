/**
 * Requests for the API fuzz, generated from the server's own OpenAPI document: values that fit
 * each schema (so the request reaches deep into the handler), then mutated the way attackers and
 * careless clients do (wrong types, null, huge and deeply nested values, unicode, NUL,
 * `__proto__`, numbers that are not finite, multipart bodies that are cut or doubled).
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  nullable?: boolean;
  additionalProperties?: boolean | JsonSchema;
}

export interface Parameter {
  readonly in: 'path' | 'query' | 'header';
  readonly name: string;
  readonly required?: boolean;
  readonly schema: JsonSchema;
}

export interface Operation {
  readonly method: string;
  readonly path: string;
  readonly parameters: readonly Parameter[];
  /** The JSON body's schema, if the operation takes one. */
  readonly body: JsonSchema | null;
  readonly multipart: boolean;
}

/** A request as the fuzz sends it. */
export interface FuzzRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload?: string | Buffer;
  /** What was done to it, for the failure message. */
  readonly mutation: string;
}

export function operationsOf(doc: {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema ?? null,
      multipart: op.requestBody?.content['multipart/form-data'] !== undefined || path.endsWith('/import'),
    })),
  );
}

/** Ids and values of the demo network, so that valid requests find real records. */
const KNOWN_STRINGS = [
  'summit',
  'sunrise-plumbing',
  'coastal-hvac',
  'harbor-roofing',
  'peak-electric',
  'q-service',
  'q-dispatch',
  'emp-ana',
  'emp-ben',
  'va-sunrise-ava',
  'tn-sunrise-main',
  '+16198675301',
  '(619) 867-5309',
  '212',
  '+14158675309',
  'other-tenant',
  'q-other',
  'emp-other',
];
const PATH_VALUES: Record<string, readonly string[]> = {
  networkId: ['summit', 'summit', 'summit', 'other'],
  tenantId: ['sunrise-plumbing', 'coastal-hvac', 'peak-electric', 'other-tenant'],
  queueId: ['q-service', 'q-dispatch', 'q-other'],
  employeeId: ['emp-ana', 'emp-ben', 'emp-other'],
  trackingNumberId: ['tn-sunrise-main', 'tn-other'],
  voiceAgentId: ['va-sunrise-ava', 'va-other'],
  value: ['212', '907', '+14158675309'],
};

/** Values that have broken servers: wrong types, edges of ranges, unicode, NUL, markup. */
const NASTY: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  ' ',
  '   ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '👩‍👩‍👧‍👦',
  '\u202eevil',
  'ﷺ',
  '<script>alert(1)</script>',
  "'; drop table users; --",
  '%00',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  [],
  {},
  [true],
  [null],
  { a: 1 },
  'x'.repeat(100_000),
  Array.from({ length: 2000 }, (_, i) => i),
  '1e309',
  'Infinity',
  'NaN',
];
const NASTY_NUMBERS: readonly string[] = [
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e20',
  '9007199254740993',
  'NaN',
  '-1',
  '2.5',
  '',
  '0x10',
  '1_000',
];
const NASTY_QUERY: readonly string[] = [
  'Infinity',
  '-Infinity',
  '1e309',
  '1e20',
  '-1',
  '0',
  'NaN',
  '2.5',
  '',
  '%00',
  'a%00b',
  'true',
  'null',
  '[]',
  '%7B%7D',
  'x'.repeat(5000),
  '%F0%9F%98%80',
  '%E2%80%AE',
  '9007199254740993',
];

function valueOf(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (schema === undefined || depth > 6) return fc.constantFrom(...KNOWN_STRINGS);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union !== undefined) return fc.oneof(...union.map((s) => valueOf(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        if (schema.format === 'date-time')
          return fc
            .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
            .map((d) => d.toISOString());
        return fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...KNOWN_STRINGS) },
          { weight: 1, arbitrary: fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }) },
        );
      case 'integer':
        return fc.integer({ min: Math.max(schema.minimum ?? -10, -1_000_000), max: Math.min(schema.maximum ?? 100, 1_000_000) });
      case 'number':
        return fc.double({ min: schema.minimum ?? -100, max: Math.min(schema.maximum ?? 600, 1e6), noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(valueOf(schema.items, depth + 1), { maxLength: 4 });
      case 'object': {
        const properties = schema.properties ?? {};
        if (Object.keys(properties).length === 0)
          return fc.dictionary(fc.constantFrom('from', 'to', 'employeeId', 'via', 'kind', 'tenantId'), fc.constantFrom(...KNOWN_STRINGS), {
            maxKeys: 4,
          });
        const record = Object.fromEntries(Object.entries(properties).map(([key, inner]) => [key, valueOf(inner, depth + 1)]));
        return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in record) });
      }
      default:
        return fc.constantFrom(...KNOWN_STRINGS);
    }
  })();
  return schema.nullable === true ? fc.option(base, { nil: null }) : base;
}

/** Replaces the value at a random place in `value` with `replacement` (the whole value when it has no places). */
function replaceSomewhere(value: unknown, pick: number, replacement: unknown): unknown {
  if (value === null || typeof value !== 'object') return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[pick % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as unknown as Record<string, unknown>)
    : { ...(value as Record<string, unknown>) };
  copy[key] = pick % 3 === 0 ? replaceSomewhere(copy[key], Math.floor(pick / 3), replacement) : replacement;
  return copy;
}

const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** The body's field names, required ones first; a made-up one when it has none. */
const fieldsOf = (schema: JsonSchema | null): string[] => {
  const names = [...(schema?.required ?? []), ...Object.keys(schema?.properties ?? {})];
  return names.length === 0 ? ['a'] : [...new Set(names)];
};

/** A JSON body: valid for the schema, or mutated, as raw text. */
function bodyOf(schema: JsonSchema | null): fc.Arbitrary<{ text: string | undefined; mutation: string }> {
  const valid = valueOf(schema ?? { type: 'object', properties: {} });
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((v) => ({ text: JSON.stringify(v), mutation: 'valid body' })) },
    {
      weight: 4,
      arbitrary: fc.tuple(valid, fc.nat(), fc.constantFrom(...NASTY)).map(([v, pick, nasty]) => ({
        text: JSON.stringify(replaceSomewhere(v, pick, nasty)),
        mutation: `a field replaced by ${JSON.stringify(nasty)?.slice(0, 40)}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.string({ maxLength: 12 }), fc.constantFrom(...NASTY)).map(([v, key, nasty]) => ({
        text: JSON.stringify({ ...(typeof v === 'object' && v !== null ? v : {}), [key]: nasty }),
        mutation: `an extra field ${JSON.stringify(key)}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...NASTY)
        .map((nasty) => ({ text: JSON.stringify(nasty), mutation: `the body is ${JSON.stringify(nasty)?.slice(0, 40)}` })),
    },
    {
      // A deep document in one field: built as text (the test's own JSON.stringify would overflow).
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(...fieldsOf(schema)),
          fc.constantFrom(deep(5000), deep(60_000), `${'['.repeat(100_000)}${']'.repeat(100_000)}`, deep(40)),
        )
        .map(([v, key, nested]) => ({
          text: JSON.stringify({ ...(typeof v === 'object' && v !== null ? v : {}), [key]: '__NESTED__' }).replace('"__NESTED__"', nested),
          mutation: `field ${key} nested ${nested.length > 1000 ? 'thousands of levels' : '40 levels'} deep`,
        })),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        { text: `${'['.repeat(5000)}${']'.repeat(5000)}`, mutation: 'a list nested 5,000 deep' },
        { text: deep(5000), mutation: 'an object nested 5,000 deep' },
        { text: deep(60_000), mutation: 'an object nested 60,000 deep' },
        { text: deep(40), mutation: 'an object nested 40 deep' },
        { text: '{"__proto__": {"networkAdmin": true}, "name": "x"}', mutation: '__proto__' },
        { text: '{"constructor": {"prototype": {"networkAdmin": true}}}', mutation: 'constructor.prototype' },
        { text: '{"name": "x",', mutation: 'JSON cut short' },
        { text: '', mutation: 'an empty body' },
        { text: 'null', mutation: 'null' },
        { text: `[${'1,'.repeat(100_000)}1]`, mutation: 'a list of 100,001 numbers' },
        { text: undefined, mutation: 'no body' },
      ),
    },
  );
}

function multipartOf(): fc.Arbitrary<{ payload: Buffer; contentType: string; mutation: string }> {
  const boundary = 'fuzzboundary';
  const part = (name: string, file: string, content: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
  const end = `--${boundary}--\r\n`;
  const type = `multipart/form-data; boundary=${boundary}`;
  return fc.constantFrom(
    { payload: Buffer.from(part('file', 'list.csv', 'Phone\n(619) 867-4400\n') + end), contentType: type, mutation: 'a valid upload' },
    {
      payload: Buffer.from((part('file', 'list.csv', 'Phone\n(619) 867-4400\n') + end).slice(0, 70)),
      contentType: type,
      mutation: 'a truncated body',
    },
    {
      payload: Buffer.from(part('file', 'list.csv', '212\n') + end),
      contentType: 'multipart/form-data; boundary=another',
      mutation: 'a boundary mismatch',
    },
    { payload: Buffer.from(part('file', 'list.csv', '212\n') + end), contentType: 'multipart/form-data', mutation: 'no boundary' },
    {
      payload: Buffer.from(part('file', 'a.csv', '212\n') + part('file', 'b.csv', '907\n') + end),
      contentType: type,
      mutation: 'two files',
    },
    { payload: Buffer.from(part('other', 'a.csv', '212\n') + end), contentType: type, mutation: 'a file in another part' },
    { payload: Buffer.from(part('file', 'a.csv', ',,,\n') + end), contentType: type, mutation: 'a row of commas' },
    { payload: Buffer.from(part('file', 'a.csv', ' ') + end), contentType: type, mutation: 'one space' },
    { payload: Buffer.from(part('file', 'a.xlsx', 'PK\u0003\u0004garbage') + end), contentType: type, mutation: 'a corrupt workbook' },
    { payload: Buffer.from(part('file', 'a\u0000.csv', '212\n') + end), contentType: type, mutation: 'a NUL in the file name' },
    { payload: Buffer.from(end), contentType: type, mutation: 'no parts' },
    { payload: Buffer.from('{"file": "212"}'), contentType: 'application/json', mutation: 'JSON instead of a file' },
  );
}

/** One request to `operation`, with its parameters, body and mutation drawn. */
export function requestFor(operation: Operation, etag: string | undefined): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const pathArb = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...(PATH_VALUES[p.name] ?? KNOWN_STRINGS)) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              '%00',
              'a%00b',
              '..%2F..%2Fetc',
              'x'.repeat(300),
              '%F0%9F%98%80',
              '%E2%80%AE',
              ' ',
              '__proto__',
              'constructor',
              '%ZZ',
            ),
          },
        ),
      ]),
    ),
  );
  const numeric = (p: Parameter) => p.schema.type === 'integer' || p.schema.type === 'number';
  // A required parameter is mostly valid, so that the request gets past it to the handler.
  const queryArb = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        fc.option(
          fc.oneof(
            { weight: p.required === true ? 8 : 3, arbitrary: valueOf(p.schema).map(String) },
            { weight: 2, arbitrary: fc.constantFrom(...(numeric(p) ? NASTY_NUMBERS : NASTY_QUERY)) },
          ),
          { nil: undefined, freq: p.required === true ? 20 : 3 },
        ),
      ]),
    ),
  );
  // Now and then a parameter nobody declared (most requests have none, so they get past the query).
  const extraQuery = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('unknown=1', '__proto__=x', 'limit=1e309&limit=2', 'a%00=1') },
  );
  const ifMatch = fc.constantFrom(etag, etag, etag, '"v1"', '*', 'garbage', '"v99999999999999999999"', undefined);
  const body = operation.multipart
    ? multipartOf().map((m) => ({ text: m.payload, contentType: m.contentType, mutation: m.mutation }))
    : operation.body !== null || ['POST', 'PUT', 'PATCH'].includes(operation.method)
      ? bodyOf(operation.body).map((b) => ({ ...b, contentType: 'application/json' }))
      : fc.constant({ text: undefined, contentType: undefined, mutation: 'no body' });
  return fc.tuple(pathArb, queryArb, extraQuery, ifMatch, body).map(([path, query, extra, match, b]) => {
    const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => String((path as Record<string, string>)[name]));
    const parts = Object.entries(query as Record<string, string | undefined>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${/%[0-9A-F]{2}/i.test(v!) ? v : encodeURIComponent(v!)}`);
    if (extra !== undefined) parts.push(extra);
    const headers: Record<string, string> = {};
    if (b.text !== undefined && b.contentType !== undefined) headers['content-type'] = b.contentType;
    if (match !== undefined && operation.parameters.some((p) => p.in === 'header' && p.name === 'if-match')) headers['if-match'] = match;
    return {
      method: operation.method,
      url: parts.length === 0 ? url : `${url}?${parts.join('&')}`,
      headers,
      ...(b.text === undefined ? {} : { payload: b.text }),
      mutation: b.mutation,
    };
  });
}
