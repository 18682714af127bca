/**
 * An input the decision core cannot accept. `code` is stable (clients switch on it), `field` and
 * `value` name what was wrong, and `message` is a sentence a person can act on.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: string,
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** Shows a value inside an error message without letting a huge input flood it. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
