/** Routes: sign-in for visitors; for a signed-in user, the shell and the screens their abilities allow. */
import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes, useParams } from 'react-router';
import { useContinuityStream } from '../api/events';
import { useSession } from '../api/session';
import type { Me } from '../api/types';
import { ProblemPage } from '../components/ProblemPage';
import { ErrorAlert } from '../components/QueryState';
import { AgentConsolePage } from '../pages/AgentConsolePage';
import { AuditLogPage } from '../pages/AuditLogPage';
import { OverviewPage } from '../pages/OverviewPage';
import { CallLogPage } from '../pages/CallLogPage';
import { LegalHoldsPage } from '../pages/LegalHoldsPage';
import { WebhooksPage } from '../pages/WebhooksPage';
import { ApiTokensPage } from '../pages/ApiTokensPage';
import { NetworkContinuityPage } from '../pages/NetworkContinuityPage';
import { EmployeeEditPage } from '../pages/recording/EmployeeEditPage';
import { QueueEditPage } from '../pages/recording/QueueEditPage';
import { RecordingDefaultsPage } from '../pages/recording/RecordingDefaultsPage';
import { SignInPage } from '../pages/SignInPage';
import { CoreRecordingPage } from '../pages/tenant/CoreRecordingPage';
import { PhoneNumbersPage } from '../pages/tenant/PhoneNumbersPage';
import { TenantContinuityPage } from '../pages/tenant/TenantContinuityPage';
import { Shell } from './Shell';

export function App() {
  const session = useSession();
  useContinuityStream(session.data !== null && session.data !== undefined);
  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if (session.isError) return <ErrorAlert error={session.error} title="Switchboard could not load" />;
  if (session.data === null) {
    return (
      <Routes>
        <Route path="*" element={<SignInPage />} />
      </Routes>
    );
  }
  return (
    <Shell me={session.data}>
      <Routes>
        <Route path="/" element={<Navigate to={homeOf(session.data)} replace />} />
        <Route path="/sign-in" element={<Navigate to={homeOf(session.data)} replace />} />
        <Route path="/continuity" element={<NetworkContinuityPage />} />
        <Route path="/tenants/:tenantId" element={<TenantHome />} />
        <Route path="/tenants/:tenantId/continuity" element={<TenantContinuityPage />} />
        <Route path="/tenants/:tenantId/phone-numbers" element={<PhoneNumbersPage />} />
        <Route path="/tenants/:tenantId/core-recording" element={<CoreRecordingPage />} />
        <Route path="/recording-defaults" element={<Navigate to="/recording-defaults/global" replace />} />
        <Route path="/recording-defaults/:tab" element={<RecordingDefaultsPage />} />
        <Route path="/queues/:queueId" element={<QueueEditPage />} />
        <Route path="/employees/:employeeId" element={<EmployeeEditPage />} />
        <Route path="/audit" element={<AuditLogPage />} />
        <Route path="/calls" element={<CallLogPage />} />
        <Route path="/legal-holds" element={<LegalHoldsPage />} />
        <Route path="/webhooks" element={<WebhooksPage />} />
        <Route path="/api-tokens" element={<ApiTokensPage />} />
        <Route path="/overview" element={<OverviewPage />} />
        <Route path="/agent" element={<AgentConsolePage />} />
        <Route path="*" element={<ProblemPage kind="not_found" />} />
      </Routes>
    </Shell>
  );
}

/** Where a user lands: the screen of their main job. */
function homeOf(me: Me): string {
  if (me.abilities.network.viewContinuityStatus) return '/continuity';
  const firstTenant = Object.keys(me.abilities.tenants)[0];
  if (firstTenant !== undefined) return `/tenants/${firstTenant}/continuity`;
  if (me.abilities.network.useAgentConsole) return '/agent';
  return '/recording-defaults/global';
}

function TenantHome() {
  const { tenantId = '' } = useParams();
  return <Navigate to={`/tenants/${tenantId}/continuity`} replace />;
}
