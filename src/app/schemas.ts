/**
 * The shapes of what the application takes in: commands' inputs, and the HTTP edge's bodies built
 * from them (one source for validation, types and the OpenAPI document).
 */
import { Type, type Static } from 'typebox';

/** Text with at least one character that is not a space: a name of "   " is no name. */
export const NOT_BLANK = '\\S';

/** A person's, tenant's, queue's or token's name. */
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: NOT_BLANK });

/** A record's id. */
export const Id = Type.String({ minLength: 1, maxLength: 100 });

/** The version a change was made from (the If-Match of the HTTP edge). */
export const Version = Type.Integer({ minimum: 0, description: 'the version the change was made from (If-Match)' });

/** A phone number as people write it; the server normalises it to E.164 and says which field is wrong. */
export const PhoneInput = Type.String({
  minLength: 1,
  maxLength: 40,
  description: 'any common format, e.g. (619) 867-5309 or +1 619 867 5309',
});

/** One of a few strings, as a JSON-schema enum: its validation error lists the allowed values. */
export const OneOf = <const T extends readonly string[]>(values: T, options: { description?: string; default?: T[number] } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Mode = OneOf(['always', 'automatic', 'manual', 'never']);
export const AnnouncementSchema = OneOf(['prompt_agent', 'none']);
export const ModeSettingSchema = Type.Object({ mode: Mode, announcement: AnnouncementSchema }, { additionalProperties: false });
export const CoreMode = OneOf(['automatic', 'on_demand', 'never']);
export type ModeSettingBody = Static<typeof ModeSettingSchema>;
export const CoreRecordingSchema = Type.Object({ inbound: CoreMode, outbound: CoreMode }, { additionalProperties: false });

const Transfer = OneOf(['keep_original', 'follow_destination']);
/** R1-R9: the network's recording defaults. */
export const RecordingDefaultsSchema = Type.Object(
  {
    trigger: OneOf(['on_call_answered', 'on_call_connected']),
    connectedMode: OneOf(['always', 'automatic']),
    queue: ModeSettingSchema,
    individual: Type.Object({ inbound: ModeSettingSchema, outbound: ModeSettingSchema }, { additionalProperties: false }),
    transfer: Type.Object({ toQueue: Transfer, toEmployee: Transfer }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
