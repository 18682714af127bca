/** C9, C10 as the API shows them: a tenant's standing for switching on (the status table, Turn On For All, B5's previews). */
import { Type, type Static } from 'typebox';
import type { SwitchOnAssessment } from '../../../domain/continuity.js';
import { E164Output } from '../schemas.js';

export const Problem = Type.Union([
  Type.Object({ kind: Type.Literal('not_contact_center_active') }),
  Type.Object({ kind: Type.Literal('numbers_without_destination'), numbers: Type.Array(E164Output) }),
]);

export const Assessment = Type.Object({
  tenantId: Type.String(),
  tenantName: Type.String(),
  canSwitchOn: Type.Boolean(),
  safe: Type.Boolean(),
  problems: Type.Array(Problem),
});

export const presentAssessment = (a: SwitchOnAssessment): Static<typeof Assessment> => ({
  ...a,
  problems: a.problems.map((p) =>
    p.kind === 'numbers_without_destination' ? { kind: p.kind, numbers: [...p.numbers] } : { kind: p.kind },
  ),
});
