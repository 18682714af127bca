import type { Page } from '@playwright/test';
import { adminApi, expect, screenshot, test } from './fixtures.js';

/** Sunrise Plumbing's main number: its Service queue records automatically and prompts the agent. */
async function chooseSunriseService(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Tracking number' }).click();
  await page.getByRole('option', { name: '(619) 867-5301 (Sunrise Plumbing)' }).click();
  await expect(page.getByRole('textbox', { name: 'Tracking number' })).toHaveValue('(619) 867-5301 (Sunrise Plumbing)');
}

test('C12 the banner appears and disappears within 2 s of a change, without a reload (measured)', async ({ page, signIn, server }) => {
  await signIn('agent');
  const banner = page.getByTestId('continuity-banner');
  await expect(banner).toContainText('Coastal HVAC');
  await expect(banner).not.toContainText('Sunrise Plumbing');
  const admin = await adminApi(server);
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => navigations.push(frame.url()));

  let started = Date.now();
  expect((await admin.switchTenant('sunrise-plumbing', true)).status()).toBe(200);
  await expect(banner).toContainText('Sunrise Plumbing', { timeout: 2_000 });
  const appeared = Date.now() - started;

  expect((await admin.switchTenant('sunrise-plumbing', false)).status()).toBe(200);
  expect((await admin.switchTenant('coastal-hvac', false)).status()).toBe(200);
  started = Date.now();
  await expect(banner).toHaveCount(0, { timeout: 2_000 });
  const disappeared = Date.now() - started;

  console.log(`C12 banner: appeared after ${appeared} ms, disappeared after ${disappeared} ms`);
  expect(appeared).toBeLessThan(2_000);
  expect(disappeared).toBeLessThan(2_000);
  expect(navigations).toEqual([]);
  await admin.dispose();
});

test('R4 the record button follows the plan on a queue call, with the announcement tooltip (prompt option)', async ({ page, signIn }) => {
  await signIn('agent');
  await expect(page.getByRole('textbox', { name: 'You are' })).toHaveValue('Ana Reyes');
  await chooseSunriseService(page);
  await page.getByRole('button', { name: 'Answer' }).click();
  // The Service queue records automatically and prompts the agent to announce it.
  await expect(page.getByTestId('recording-state')).toHaveText('Recording');
  const record = page.getByTestId('record-button');
  await expect(record).toHaveText('Stop recording');
  await record.hover();
  await expect(page.getByRole('tooltip')).toContainText('A recording announcement may be legally required');
  await screenshot(page, 'agent-console');
  await record.click();
  await expect(page.getByTestId('recording-state')).toHaveText('Not recording');
  await expect(record).toHaveText('Start recording');
});

test('R12 an excluded caller: the record button is disabled with the reason in words (the rule code behind "Rule references", the tenant by its name); Charge Credit Card says the call is not recorded (nothing to pause), not that it paused', async ({
  page,
  signIn,
}) => {
  await signIn('agent');
  await chooseSunriseService(page);
  await page.getByRole('textbox', { name: 'Caller' }).fill('(415) 867-5309');
  await page.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByTestId('recording-state')).toHaveText('Not recording');
  await expect(page.getByTestId('record-button')).toBeDisabled();
  await expect(page.getByTestId('record-disabled-reason')).not.toContainText('R12');
  await expect(page.getByText('· for Sunrise Plumbing')).toBeVisible();
  await expect(page.getByText('sunrise-plumbing')).toHaveCount(0);
  const references = page.getByTestId('rule-references');
  await expect(references.getByText('R12')).not.toBeVisible();
  await references.getByText('Rule references').click();
  await expect(references).toContainText('R12');
  await expect(page.getByTestId('record-disabled-reason')).toContainText('excluded from recording');
  await page.getByRole('button', { name: 'Charge Credit Card' }).click();
  const payment = page.getByRole('dialog', { name: 'Charge Credit Card' });
  await expect(payment.getByTestId('not-recorded')).toHaveText('This call is not being recorded: there is nothing to pause.');
  await expect(payment.getByTestId('auto-paused')).toHaveCount(0);
});

test('R15 Charge Credit Card pauses the recording while open; on a keypad call without a tenant it tells the agent to pause manually; L5 the call is logged with its reasons', async ({
  page,
  signIn,
  browser,
}) => {
  await signIn('agent');
  await chooseSunriseService(page);
  await page.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByTestId('recording-state')).toHaveText('Recording');
  await page.getByRole('button', { name: 'Charge Credit Card' }).click();
  const payment = page.getByRole('dialog', { name: 'Charge Credit Card' });
  await expect(payment.getByTestId('auto-paused')).toBeVisible();
  await expect(page.getByTestId('recording-state')).toHaveText('Paused');
  await payment.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('recording-state')).toHaveText('Recording');
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Call ended and logged in the call log' })).toBeVisible();

  await page.getByRole('textbox', { name: 'Call', exact: true }).click();
  await page.getByRole('option', { name: 'Outbound from the keypad' }).click();
  await page.getByRole('button', { name: 'Dial' }).click();
  await page.getByRole('button', { name: 'Charge Credit Card' }).click();
  await expect(page.getByRole('dialog', { name: 'Charge Credit Card' }).getByTestId('pause-manually')).toContainText(/manually/i);

  // L5: the finished call is in the call log, with the rules that decided it.
  const admin = await browser.newPage();
  await signIn('admin', admin);
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Call log' }).click();
  const row = admin.getByRole('row').filter({ hasText: '(619) 867-5301' });
  await expect(row).toContainText('Sunrise Plumbing');
  await expect(row).toContainText('simulated');
  await row.getByRole('button', { name: 'Reasons' }).click();
  await expect(admin.getByRole('table', { name: 'Call log' })).toContainText('R15');
  await screenshot(admin, 'call-log');
  await admin.close();
});
