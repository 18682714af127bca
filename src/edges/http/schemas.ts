/** Schemas shared by several routes: the source of validation, types and the OpenAPI document. */
import { Type } from 'typebox';
import { NOT_BLANK } from '../../app/schemas.js';

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

/** What a pattern means, in words, for the validation error (ajv would print the pattern). */
export const PATTERN_MESSAGES: Readonly<Record<string, string>> = { [NOT_BLANK]: 'must not be blank' };

/** Paging: a bounded whole number of items, and a bounded offset (no Infinity, no 1e20). */
export const Limit = (maximum: number, fallback: number) => Type.Integer({ minimum: 1, maximum, default: fallback });
export const MAX_OFFSET = 10_000_000;
export const Offset = Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0 });

export const NetworkParams = Type.Object({ networkId: Type.String({ minLength: 1, maxLength: 100 }) });
export const TenantParams = Type.Object({
  networkId: Type.String({ minLength: 1, maxLength: 100 }),
  tenantId: Type.String({ minLength: 1, maxLength: 100 }),
});

export const E164Output = Type.String({ description: 'E.164, e.g. +16198675309' });

export {
  AnnouncementSchema,
  CoreMode,
  Mode,
  ModeSettingSchema,
  Name,
  NOT_BLANK,
  OneOf,
  PhoneInput,
  type ModeSettingBody,
} from '../../app/schemas.js';
