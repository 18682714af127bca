/** Recording settings writes (R1-R9, X1): the defaults, custom queue and employee settings, the exclusion list. */
import { api, ifMatch, unwrap, upload } from './client';
import { useWrite } from './queries';
import type { ImportResult, ModeSetting, RecordingDefaults, RecordingDefaultsInput } from './types';

/** The defaults as a whole (the API replaces them as one document), changed by `change`. */
export function useSaveDefaults() {
  return useWrite((networkId, input: { current: RecordingDefaults; change: Partial<RecordingDefaultsInput> }) => {
    const { trigger, connectedMode, queue, individual, transfer } = input.current;
    const body: RecordingDefaultsInput = { trigger, connectedMode, queue, individual, transfer, ...input.change };
    return unwrap(
      api.PUT('/api/networks/{networkId}/recording-defaults', {
        params: { path: { networkId } },
        headers: ifMatch(input.current.version),
        body,
      }),
    );
  });
}

export function useQueueRecording() {
  return useWrite((networkId, input: { queueId: string; version: number; custom: ModeSetting | null }) => {
    const params = { params: { path: { networkId, queueId: input.queueId } }, headers: ifMatch(input.version) };
    return input.custom === null
      ? unwrap(api.DELETE('/api/networks/{networkId}/queues/{queueId}/recording', params))
      : unwrap(api.PUT('/api/networks/{networkId}/queues/{queueId}/recording', { ...params, body: input.custom }));
  });
}

export function useEmployeeRecording() {
  return useWrite(
    (networkId, input: { employeeId: string; version: number; custom: { inbound: ModeSetting; outbound: ModeSetting } | null }) => {
      const params = { params: { path: { networkId, employeeId: input.employeeId } }, headers: ifMatch(input.version) };
      return input.custom === null
        ? unwrap(api.DELETE('/api/networks/{networkId}/employees/{employeeId}/recording', params))
        : unwrap(api.PUT('/api/networks/{networkId}/employees/{employeeId}/recording', { ...params, body: input.custom }));
    },
  );
}

export function useAddExclusion() {
  return useWrite((networkId, entry: string) =>
    unwrap(api.POST('/api/networks/{networkId}/exclusions', { params: { path: { networkId } }, body: { entry } })),
  );
}

export function useDeleteExclusion() {
  return useWrite((networkId, value: string) =>
    unwrap(api.DELETE('/api/networks/{networkId}/exclusions/{value}', { params: { path: { networkId, value } } })),
  );
}

/** X2: preview (dryRun) or apply an uploaded exclusion list. */
export function useImportExclusions() {
  return useWrite(
    (networkId, input: { file: File; mode: 'add' | 'replace'; dryRun: boolean; allowEmpty?: boolean; validRowsOnly?: boolean }) =>
      upload<ImportResult>(
        `/api/networks/${encodeURIComponent(networkId)}/exclusions/import`,
        {
          mode: input.mode,
          dryRun: String(input.dryRun),
          allowEmpty: String(input.allowEmpty === true),
          validRowsOnly: String(input.validRowsOnly === true),
        },
        input.file,
      ),
  );
}
