/** The one way a route checks a policy: a refusal is a 403 naming what was refused. */
import { errors } from '../../shared/errors.js';

export function authorize(allowed: boolean, what: string): void {
  if (!allowed) throw errors.forbidden(what);
}
