/**
 * C12: the continuity event stream. Keeps the system-wide banner current without a reload and
 * refreshes every continuity screen when any tenant switches, from any session or node.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

export interface ContinuityEvent {
  readonly version: number;
  readonly tenantsInContinuity: readonly { id: string; name: string }[];
  /** B4: tenants in a drill (only their test callers' calls go to the destination), with when it ends. */
  readonly tenantsInDrill?: readonly { id: string; name: string; endsAt: string }[];
  readonly changedTenantIds: readonly string[];
}

export const continuityEventKey = ['continuity-event'] as const;

/** Opens the stream while signed in; EventSource reconnects by itself after a drop. */
export function useContinuityStream(signedIn: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!signedIn) return;
    const source = new EventSource('/api/events');
    source.addEventListener('continuity', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as ContinuityEvent;
      const previous = client.getQueryData<ContinuityEvent>(continuityEventKey);
      client.setQueryData(continuityEventKey, event);
      if (previous !== undefined && previous.version !== event.version) void client.invalidateQueries({ queryKey: ['network'] });
    });
    return () => source.close();
  }, [client, signedIn]);
}

/** The latest event, or undefined until the stream's first one. */
export function useContinuityEvent(): ContinuityEvent | undefined {
  return useQuery<ContinuityEvent>({
    queryKey: continuityEventKey,
    queryFn: () => new Promise<ContinuityEvent>(() => undefined),
    enabled: false,
  }).data;
}
