/**
 * The rule ids of ../shared/SPEC.md that a decision can cite, and the shape of a reason.
 * A reason is one rule id and one short sentence; decisions keep them in order (R16).
 */
export type RuleId =
  | 'C1'
  | 'C2'
  | 'C3'
  | 'C4'
  | 'C5'
  | 'C6'
  | 'C9'
  | 'C14'
  | 'L1'
  | 'L2'
  | 'L3'
  | 'L4'
  | 'L5'
  | 'L6'
  | 'R2'
  | 'R3'
  | 'R4'
  | 'R5'
  | 'R6'
  | 'R7'
  | 'R8'
  | 'R9'
  | 'R10'
  | 'R11'
  | 'R12'
  | 'R13'
  | 'R14'
  | 'R15'
  | 'B4'
  | 'B6'
  | 'B7'
  | 'B8'
  | 'B9';

export interface Reason {
  readonly rule: RuleId;
  readonly text: string;
}

/** Builds a reason; constant reasons are built once at module load so decisions allocate none. */
export function reason(rule: RuleId, text: string): Reason {
  return Object.freeze({ rule, text });
}
