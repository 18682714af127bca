/**
 * Server state for the screens. Every key starts with ['network', networkId] so a change (ours, or
 * announced by the event stream) refreshes what depends on it with one invalidation.
 */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { useSession } from './session';

/** The signed-in user's network (the app only renders screens once signed in). */
export function useNetworkId(): string {
  const { data } = useSession();
  if (data === null || data === undefined) throw new Error('useNetworkId needs a signed-in user');
  return data.network.id;
}

export const keys = {
  all: (networkId: string) => ['network', networkId] as const,
  of: (networkId: string, ...rest: unknown[]) => ['network', networkId, ...rest] as const,
};

const path = (networkId: string) => ({ params: { path: { networkId } } });
const tenantPath = (networkId: string, tenantId: string) => ({ params: { path: { networkId, tenantId } } });

export function useContinuityStatus() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'continuity'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/continuity', path(networkId))),
  });
}

export function useTenants() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'tenants'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/tenants', path(networkId))),
  });
}

export function useTenantContinuity(tenantId: string) {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'tenant', tenantId, 'continuity'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/tenants/{tenantId}/continuity', tenantPath(networkId, tenantId))),
  });
}

export function useTenant(tenantId: string) {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'tenant', tenantId),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/tenants/{tenantId}', tenantPath(networkId, tenantId))),
  });
}

export function useRecordingDefaults() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'recording-defaults'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/recording-defaults', path(networkId))),
  });
}

export function useQueues() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'queues'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/queues', path(networkId))),
  });
}

export function useEmployees() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'employees'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/employees', path(networkId))),
  });
}

/** One page of the exclusion list (lists run to a million entries), optionally searched. */
export function useExclusions(page: { limit: number; offset: number; search: string }) {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'exclusions', page),
    queryFn: () =>
      unwrap(
        api.GET('/api/networks/{networkId}/exclusions', {
          params: {
            path: { networkId },
            query: { limit: page.limit, offset: page.offset, ...(page.search.trim() === '' ? {} : { search: page.search }) },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });
}

export function useTrackingNumbers(tenantId?: string) {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'tracking-numbers', tenantId ?? 'all'),
    queryFn: () =>
      unwrap(
        api.GET('/api/networks/{networkId}/tracking-numbers', {
          params: { path: { networkId }, query: tenantId === undefined ? {} : { tenantId } },
        }),
      ),
  });
}

/**
 * A write: refreshes the network's data once it succeeds. The caller keeps its form state, so a
 * refused write loses nothing the user typed.
 */
export function useWrite<TInput, TResult>(write: (networkId: string, input: TInput) => Promise<TResult>, refresh?: QueryKey) {
  const networkId = useNetworkId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => write(networkId, input),
    onSuccess: () => client.invalidateQueries({ queryKey: refresh ?? keys.all(networkId) }),
  });
}

export function useVoiceAgents() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'voice-agents'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/voice-agents', path(networkId))),
  });
}

/** Names of queues, employees and voice agents by id, for showing decisions in words. */
export function useNames(): ReadonlyMap<string, string> {
  const queues = useQueues().data?.queues ?? [];
  const employees = useEmployees().data?.employees ?? [];
  const voiceAgents = useVoiceAgents().data?.voiceAgents ?? [];
  return new Map([...queues, ...employees, ...voiceAgents].map((item) => [item.id, item.name]));
}

/** The numbers calls come in on, for the agent console (agents answer for every tenant). */
export function useAgentNumbers() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'agent-numbers'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/agent/numbers', path(networkId))),
  });
}
