/**
 * What a settings change touched, so that each node patches only those parts of its snapshot:
 * tenants (by id), tracking numbers (by number: the number is how the snapshot finds one),
 * exclusion entries (the values added or removed, or the whole list; a node reads each value's
 * state as it is now, so the order of several changes does not matter), the recording defaults, the directory
 * (queues, employees, voice agents: small, loaded whole). Kept with the change's version in
 * `network_changes`; merged when a node catches up over several changes.
 */
export interface Touched {
  readonly tenants?: readonly string[];
  readonly trackingNumbers?: readonly string[];
  readonly exclusions?: 'all' | readonly string[];
  readonly defaults?: boolean;
  readonly directory?: boolean;
}

/** More entries than this in one change: the list is loaded whole (its row in network_changes stays small). */
export const MAX_LISTED_EXCLUSIONS = 1000;

export function mergeTouched(a: Touched, b: Touched): Touched {
  const exclusions =
    a.exclusions === 'all' || b.exclusions === 'all'
      ? 'all'
      : a.exclusions === undefined
        ? b.exclusions
        : b.exclusions === undefined
          ? a.exclusions
          : [...new Set([...a.exclusions, ...b.exclusions])];
  return {
    ...(a.tenants !== undefined || b.tenants !== undefined ? { tenants: [...new Set([...(a.tenants ?? []), ...(b.tenants ?? [])])] } : {}),
    ...(a.trackingNumbers !== undefined || b.trackingNumbers !== undefined
      ? { trackingNumbers: [...new Set([...(a.trackingNumbers ?? []), ...(b.trackingNumbers ?? [])])] }
      : {}),
    ...(exclusions === undefined
      ? {}
      : { exclusions: exclusions !== 'all' && exclusions.length > MAX_LISTED_EXCLUSIONS ? 'all' : exclusions }),
    ...(a.defaults === true || b.defaults === true ? { defaults: true } : {}),
    ...(a.directory === true || b.directory === true ? { directory: true } : {}),
  };
}
