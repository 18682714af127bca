import { Alert } from '@mantine/core';

/** R2: under On Call Connected the queue and individual defaults are hidden and ignored. */
export function OnCallConnectedNote() {
  return (
    <Alert color="gray" data-testid="defaults-inactive">
      These settings are only available and active when Global Defaults are set to On Call Answered. Calls are now recorded On Call
      Connected, and only the Exclusion List applies.
    </Alert>
  );
}
