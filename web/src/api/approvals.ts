/** B5: the network's approval policy and the requests waiting for a second administrator. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from './client';
import { keys, useNetworkId, useWrite } from './queries';
import type { Ok } from './types';

export type ApprovalPolicy = Ok<'/api/networks/{networkId}/continuity/approval-policy', 'get'>;
export type ApprovalRequest = Ok<'/api/networks/{networkId}/continuity/approvals', 'get'>['approvals'][number];
export type RequestedSwitch = ApprovalRequest['switch'];

export function useApprovalPolicy() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'approval-policy'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/continuity/approval-policy', { params: { path: { networkId } } })),
  });
}

/** Does this switch need a second administrator under the network's policy? */
export function needsApproval(policy: ApprovalPolicy | undefined, command: RequestedSwitch['command']): boolean {
  if (policy === undefined || policy.mode === 'none') return false;
  return policy.mode === 'every_switch' || command === 'continuity.turn_on_for_all';
}

export function useSetApprovalPolicy() {
  return useWrite((networkId, policy: ApprovalPolicy) =>
    unwrap(api.PUT('/api/networks/{networkId}/continuity/approval-policy', { params: { path: { networkId } }, body: policy })),
  );
}

export function useApprovals() {
  const networkId = useNetworkId();
  return useQuery({
    queryKey: keys.of(networkId, 'approvals'),
    queryFn: () => unwrap(api.GET('/api/networks/{networkId}/continuity/approvals', { params: { path: { networkId } } })),
  });
}

export function useAskApproval() {
  return useWrite((networkId, requested: RequestedSwitch) =>
    unwrap(api.POST('/api/networks/{networkId}/continuity/approvals', { params: { path: { networkId } }, body: { switch: requested } })),
  );
}

type Decision = { request: ApprovalRequest; decision: 'approve' | 'refuse' | 'withdraw'; reason?: string };

/** Approve, refuse or withdraw; the list is read again either way (a refused approval may have closed the request as stale). */
export function useDecideApproval() {
  const networkId = useNetworkId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Decision) => decide(networkId, input),
    onSettled: () => client.invalidateQueries({ queryKey: keys.all(networkId) }),
  });
}

function decide(networkId: string, input: Decision) {
  const params = { path: { networkId, approvalId: input.request.id } };
  const headers = ifMatch(input.request.version);
  switch (input.decision) {
    case 'approve':
      return unwrap(api.POST('/api/networks/{networkId}/continuity/approvals/{approvalId}/approve', { params, headers }));
    case 'refuse':
      return unwrap(
        api.POST('/api/networks/{networkId}/continuity/approvals/{approvalId}/refuse', {
          params,
          headers,
          body: input.reason === undefined || input.reason.trim() === '' ? {} : { reason: input.reason.trim() },
        }),
      );
    case 'withdraw':
      return unwrap(api.POST('/api/networks/{networkId}/continuity/approvals/{approvalId}/withdraw', { params, headers }));
  }
}
