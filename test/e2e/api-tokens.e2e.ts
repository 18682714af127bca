/**
 * B8 in the browser: a network administrator makes an API token for an integration that may only
 * pause and resume live recordings (shown once), sees it listed, and revokes it. Checked against
 * the server: the token is refused anywhere else, and stops working once revoked (its pausing
 * and resuming are tested on the API: test/api/pause-governance.test.ts).
 */
import { expect, test } from './fixtures.js';

test('B8 a network administrator makes a pause-only API token for an integration, sees it listed, and revokes it', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API tokens' }).click();
  const form = page.getByRole('form', { name: 'Make a token' });
  await form.getByLabel('Name').fill('Payment IVR');
  await form.getByLabel('Signs in as (email)').fill('nobody@summit.example');
  await form.getByRole('button', { name: 'Make token' }).click();
  await expect(form.getByText('no user "nobody@summit.example" in this network')).toBeVisible();
  await form.getByLabel('Signs in as (email)').fill('agent@summit.example');
  await form.getByLabel(/Only pause and resume live recordings/).check();
  await form.getByRole('button', { name: 'Make token' }).click();
  const token = (await form.getByTestId('new-token').textContent())!;
  const row = page.getByRole('row', { name: /Payment IVR/ });
  await expect(row).toContainText('Pause and resume recordings only');
  await expect(row).toContainText('agent@summit.example');

  const call = (path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  // Anything but pausing and resuming is refused, in words.
  const refused = await call('/api/networks/summit/tenants');
  expect(refused.status).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/pause and resume/);

  await row.getByRole('button', { name: 'Revoke Payment IVR' }).click();
  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(page.getByRole('row', { name: /Payment IVR/ })).toHaveCount(0);
  expect((await call('/api/networks/summit/tenants')).status).toBe(401);
});
