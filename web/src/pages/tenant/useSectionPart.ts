/** The tenant's core recording section is saved in parts, one form each (CoreRecordingPage). */
import { useState } from 'react';
import { api, ifMatch, unwrap } from '../../api/client';
import { useTenant, useWrite } from '../../api/queries';
import type { Tenant } from '../../api/types';
import { useFollowVersion } from '../../components/useFollowVersion';

/** The section's parts, each saved by its own route with the section's version. */
type PartPath =
  | '/api/networks/{networkId}/tenants/{tenantId}/core-recording'
  | '/api/networks/{networkId}/tenants/{tenantId}/recording-consent'
  | '/api/networks/{networkId}/tenants/{tenantId}/recording-pause'
  | '/api/networks/{networkId}/tenants/{tenantId}/recording-retention';

/**
 * One form of the section (its part of the tenant, in `part`, as text to compare): saved with the
 * version it was filled from; it follows the other forms' saves while its own part is unchanged
 * (useFollowVersion); a stale save is refused, and Reload shows what the other person saved
 * (`words`), keeping what was typed.
 */
export function useSectionPart<I>(tenant: Tenant, path: PartPath, part: (t: Tenant) => string, words: (t: Tenant) => string) {
  const [version, setVersion] = useState(tenant.versions.coreRecording);
  const current = useTenant(tenant.id);
  const [theirs, setTheirs] = useState<string | null>(null);
  const settled = useFollowVersion(tenant.versions.coreRecording, part(tenant), setVersion);
  const save = useWrite((networkId, input: I) =>
    unwrap(
      api.PUT(path, {
        params: { path: { networkId, tenantId: tenant.id } },
        headers: ifMatch(version),
        // Each path's body is its part's input (I); the client's types cannot tell which path this is.
        body: input as never,
      }),
    ),
  );
  const submit = (input: I) =>
    save.mutate(input, {
      onSuccess: (saved) => {
        settled(part(saved));
        setVersion(saved.versions.coreRecording);
        setTheirs(null);
      },
    });
  const reload = async () => {
    const fresh = (await current.refetch()).data!;
    setVersion(fresh.versions.coreRecording);
    settled(part(fresh));
    save.reset();
    const saved = words(fresh);
    setTheirs(saved);
    return saved;
  };
  return { save, submit, reload, theirs, editable: tenant.abilities.editCoreRecording };
}
