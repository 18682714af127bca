/** Schemas shared by several routes: the source of validation, types and the OpenAPI document. */
import { Type, type Static } from 'typebox';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'stable machine id, e.g. continuity_destination_not_external' }),
        message: Type.String(),
        field: Type.Optional(Type.String({ description: 'the field at fault, e.g. body.defaultDestination.number' })),
        value: Type.Optional(Type.Unknown()),
      },
      { additionalProperties: true },
    ),
  },
  { $id: 'ErrorResponse' },
);

/** The usual error responses of an authenticated route. */
export const errorResponses = {
  401: Type.Ref('ErrorResponse'),
  403: Type.Ref('ErrorResponse'),
  404: Type.Ref('ErrorResponse'),
  422: Type.Ref('ErrorResponse'),
};

export const versionedWrites = {
  ...errorResponses,
  409: Type.Ref('ErrorResponse'),
  412: Type.Ref('ErrorResponse'),
  428: Type.Ref('ErrorResponse'),
};

/** Text with at least one character that is not a space: a name of "   " is no name. */
export const NOT_BLANK = '\\S';
/** What a pattern means, in words, for the validation error (ajv would print the pattern). */
export const PATTERN_MESSAGES: Readonly<Record<string, string>> = { [NOT_BLANK]: 'must not be blank' };

/** A person's, tenant's, queue's or token's name. */
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: NOT_BLANK });

/** Paging: a bounded whole number of items, and a bounded offset (no Infinity, no 1e20). */
export const Limit = (maximum: number, fallback: number) => Type.Integer({ minimum: 1, maximum, default: fallback });
export const MAX_OFFSET = 10_000_000;
export const Offset = Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0 });

export const NetworkParams = Type.Object({ networkId: Type.String({ minLength: 1, maxLength: 100 }) });
export const TenantParams = Type.Object({ networkId: Type.String({ minLength: 1, maxLength: 100 }), tenantId: Type.String({ minLength: 1, maxLength: 100 }) });

/** A phone number as people write it; the server normalises it to E.164 and says which field is wrong. */
export const PhoneInput = Type.String({ minLength: 1, maxLength: 40, description: 'any common format, e.g. (619) 867-5309 or +1 619 867 5309' });
export const E164Output = Type.String({ description: 'E.164, e.g. +16198675309' });

/** One of a few strings, as a JSON-schema enum: its validation error lists the allowed values. */
export const OneOf = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Mode = OneOf(['always', 'automatic', 'manual', 'never']);
export const AnnouncementSchema = OneOf(['prompt_agent', 'none']);
export const ModeSettingSchema = Type.Object({ mode: Mode, announcement: AnnouncementSchema }, { additionalProperties: false });
export const CoreMode = OneOf(['automatic', 'on_demand', 'never']);
export type ModeSettingBody = Static<typeof ModeSettingSchema>;
