/** Call Continuity writes (C3-C11): switching a tenant or all, the default destination, exceptions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from './client';
import { keys, useNetworkId, useWrite } from './queries';
import type { ContinuityStatus, Ok } from './types';

/** One tenant on or off; the status table shows the new state at once and goes back if refused (C9). */
export function useSwitchTenant() {
  const networkId = useNetworkId();
  const client = useQueryClient();
  const statusKey = keys.of(networkId, 'continuity');
  return useMutation({
    mutationFn: ({ tenantId, enabled }: { tenantId: string; enabled: boolean }) =>
      unwrap(
        api.POST('/api/networks/{networkId}/tenants/{tenantId}/continuity/switch', {
          params: { path: { networkId, tenantId } },
          body: { enabled },
        }),
      ),
    onMutate: async ({ tenantId, enabled }) => {
      await client.cancelQueries({ queryKey: statusKey });
      const previous = client.getQueryData<ContinuityStatus>(statusKey);
      if (previous !== undefined) {
        client.setQueryData<ContinuityStatus>(statusKey, {
          ...previous,
          tenants: previous.tenants.map((t) => (t.tenantId === tenantId ? { ...t, enabled } : t)),
        });
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous !== undefined) client.setQueryData(statusKey, context.previous);
    },
    onSettled: () => client.invalidateQueries({ queryKey: keys.all(networkId) }),
  });
}

export function useTurnOnForAll() {
  return useWrite((networkId, includeTenantIds: string[]) =>
    unwrap(
      api.POST('/api/networks/{networkId}/continuity/turn-on-for-all', { params: { path: { networkId } }, body: { includeTenantIds } }),
    ),
  );
}

export function useTurnOffForAll() {
  return useWrite((networkId, _: void) =>
    unwrap(api.POST('/api/networks/{networkId}/continuity/turn-off-for-all', { params: { path: { networkId } } })),
  );
}

export type DefaultDestination = { kind: 'voice_agent' } | { kind: 'external_number'; number: string };

export function useSetDefaultDestination(tenantId: string) {
  return useWrite((networkId, input: { destination: DefaultDestination; version: number }) =>
    unwrap(
      api.PUT('/api/networks/{networkId}/tenants/{tenantId}/continuity', {
        params: { path: { networkId, tenantId } },
        headers: ifMatch(input.version),
        body: { defaultDestination: input.destination },
      }),
    ),
  );
}

export function useSetContinuityNumber() {
  return useWrite((networkId, input: { trackingNumberId: string; continuityNumber: string | null; version: number }) =>
    unwrap(
      api.PUT('/api/networks/{networkId}/tracking-numbers/{trackingNumberId}/continuity-number', {
        params: { path: { networkId, trackingNumberId: input.trackingNumberId } },
        headers: ifMatch(input.version),
        body: { continuityNumber: input.continuityNumber },
      }),
    ),
  );
}

export type ContinuitySchedule = Ok<'/api/networks/{networkId}/continuity/schedules', 'get'>['schedules'][number];

/** B1: the pending schedules the person may see, soonest first. */
export function useSchedules() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'schedules'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/continuity/schedules', { params: { path: { networkId } } })),
  });
}

/** B1: on at a time, off at a time, or both; for a tenant or every tenant (null). */
export function useSchedule() {
  return useWrite((networkId, input: { tenantId: string | null; onAt?: string; offAt?: string }) =>
    unwrap(api.POST('/api/networks/{networkId}/continuity/schedules', { params: { path: { networkId } }, body: input })),
  );
}

export function useCancelSchedule() {
  return useWrite((networkId, schedule: ContinuitySchedule) =>
    unwrap(
      api.DELETE('/api/networks/{networkId}/continuity/schedules/{scheduleId}', {
        params: { path: { networkId, scheduleId: schedule.id } },
        headers: ifMatch(schedule.version),
      }),
    ),
  );
}

/** B1: a pending schedule at another time. */
export function useMoveSchedule() {
  return useWrite((networkId, input: { schedule: ContinuitySchedule; runAt: string }) =>
    unwrap(
      api.PATCH('/api/networks/{networkId}/continuity/schedules/{scheduleId}', {
        params: { path: { networkId, scheduleId: input.schedule.id } },
        headers: ifMatch(input.schedule.version),
        body: { runAt: input.runAt },
      }),
    ),
  );
}

/** B4: a drill for the tenant: its test callers, and how long it runs. */
export function useStartDrill(tenantId: string) {
  return useWrite((networkId, input: { callers: string[]; minutes: number }) =>
    unwrap(
      api.PUT('/api/networks/{networkId}/tenants/{tenantId}/continuity/drill', { params: { path: { networkId, tenantId } }, body: input }),
    ),
  );
}

export function useEndDrill(tenantId: string) {
  return useWrite((networkId, _: void) =>
    unwrap(api.DELETE('/api/networks/{networkId}/tenants/{tenantId}/continuity/drill', { params: { path: { networkId, tenantId } } })),
  );
}

/** B6: a destination of the chain after the first. */
export type ChainLink = { kind: 'voice_agent' } | { kind: 'external_number'; number: string };

/** B6: the destinations tried in order after the first, and how long each rings. */
export function useSetChain(tenantId: string) {
  return useWrite((networkId, input: { then: ChainLink[]; noAnswerSeconds: number; version: number }) =>
    unwrap(
      api.PUT('/api/networks/{networkId}/tenants/{tenantId}/continuity/chain', {
        params: { path: { networkId, tenantId } },
        headers: ifMatch(input.version),
        body: { then: input.then, noAnswerSeconds: input.noAnswerSeconds },
      }),
    ),
  );
}
