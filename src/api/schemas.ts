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

export const NetworkParams = Type.Object({ networkId: Type.String({ minLength: 1, maxLength: 100 }) });
export const TenantParams = Type.Object({ networkId: Type.String({ minLength: 1, maxLength: 100 }), tenantId: Type.String({ minLength: 1, maxLength: 100 }) });

/** A phone number as people write it; the server normalises it to E.164 and says which field is wrong. */
export const PhoneInput = Type.String({ minLength: 1, maxLength: 40, description: 'any common format, e.g. (619) 867-5309 or +1 619 867 5309' });
export const E164Output = Type.String({ description: 'E.164, e.g. +16198675309' });

export const Mode = Type.Union([Type.Literal('always'), Type.Literal('automatic'), Type.Literal('manual'), Type.Literal('never')]);
export const AnnouncementSchema = Type.Union([Type.Literal('prompt_agent'), Type.Literal('none')]);
export const ModeSettingSchema = Type.Object({ mode: Mode, announcement: AnnouncementSchema }, { additionalProperties: false });
export const CoreMode = Type.Union([Type.Literal('automatic'), Type.Literal('on_demand'), Type.Literal('never')]);
export type ModeSettingBody = Static<typeof ModeSettingSchema>;
