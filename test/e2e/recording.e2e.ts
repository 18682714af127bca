import { readFileSync } from 'node:fs';
import { expect, screenshot, test } from './fixtures.js';

test('R1 R2 R14 Global defaults: On Call Connected needs the "Switch to On Call Connected" confirmation and hides queue and individual defaults; the forward rule is read-only', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recording Defaults' }).click();
  await expect(page.getByRole('radio', { name: 'On Call Answered' })).toBeChecked();
  await expect(page.getByTestId('forward-recording')).toContainText('All calls forwarded to external numbers will be recorded.');
  await expect(page.getByTestId('forward-recording').getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('setting-transfer-to-a-queue')).toContainText(
    "Continue to follow call's original recording status after transfer",
  );
  await screenshot(page, 'recording-global');

  // R9: a transfer default is edited with Edit, then Confirm.
  await page.getByRole('button', { name: 'Edit Transfer to a Queue' }).click();
  await page.getByRole('radio', { name: 'Change to recording settings of the transfer destination' }).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('setting-transfer-to-a-queue').getByTestId('setting-value')).toHaveText(
    'Change to recording settings of the transfer destination',
  );

  await page.getByRole('radio', { name: 'On Call Connected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch to On Call Connected?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('radio', { name: 'On Call Answered' })).toBeChecked();

  await page.getByRole('radio', { name: 'On Call Connected' }).click();
  await dialog.getByRole('button', { name: 'Switch to On Call Connected' }).click();
  await expect(page.getByRole('radio', { name: 'On Call Connected' })).toBeChecked();
  await page.getByRole('button', { name: 'Edit Call Recording Default' }).click();
  await page.getByRole('radio', { name: 'Always Record' }).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('setting-call-recording-default').getByTestId('setting-value')).toHaveText('Always Record');

  await page.goto(`${server.url}/recording-defaults/queue`);
  await expect(page.getByTestId('defaults-inactive')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Individual Defaults' }).click();
  await expect(page.getByTestId('defaults-inactive')).toBeVisible();
});

test('R4 R5 Queue defaults: mode and announcement, queues with custom settings, Reset to Default', async ({ page, signIn, server }) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/queue`);
  await page.getByRole('button', { name: 'Edit Call Recording Default' }).click();
  await page.getByRole('radio', { name: 'Manually Record' }).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('setting-call-recording-default').getByTestId('setting-value')).toHaveText('Manually Record');
  await expect(page.getByTestId('setting-call-recording-announcement').getByTestId('setting-value')).toHaveText(
    'Prompt employees to announce recording status',
  );
  const billing = page.getByTestId('custom-queue-q-billing');
  await expect(billing).toContainText('Manually Record');
  await expect(page.getByTestId('custom-queue-q-dispatch')).toContainText('Always Record');
  await screenshot(page, 'recording-queue');
  await page.getByRole('button', { name: 'Reset Dispatch to Default' }).click();
  await expect(page.getByTestId('custom-queue-q-dispatch')).toHaveCount(0);
  await expect(billing).toBeVisible();
});

test("R5 a queue's edit page carries its custom settings, which then show among the queues with custom settings", async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.goto(`${server.url}/queues/q-sales`);
  await expect(page.getByRole('heading', { name: 'Sales' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Use the Queue Defaults' })).toBeChecked();
  await page.getByRole('radio', { name: 'Custom settings' }).check();
  await page.getByRole('textbox', { name: 'Inbound Call Recording' }).click();
  await page.getByRole('option', { name: 'Never Record' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('radio', { name: 'Custom settings' })).toBeChecked();
  await page.goto(`${server.url}/recording-defaults/queue`);
  await expect(page.getByTestId('custom-queue-q-sales')).toContainText('Never Record');
});

test('R7 R8 Individual defaults for inbound and outbound calls; employees with custom settings; Reset to Default; the employee page', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/individual`);
  await page.getByRole('button', { name: 'Edit Outbound Call Recording Default' }).click();
  await page.getByRole('radio', { name: 'Automatically Record' }).check();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('setting-outbound-call-recording-default').getByTestId('setting-value')).toHaveText('Automatically Record');
  await expect(page.getByTestId('custom-employee-emp-ben')).toContainText('Never Record');
  await screenshot(page, 'recording-individual');
  await page.getByRole('link', { name: 'Ben Okafor' }).click();
  await expect(page.getByRole('radio', { name: 'Custom settings' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Outbound Call Recording' })).toHaveValue('Always Record');
  await page.goto(`${server.url}/recording-defaults/individual`);
  await page.getByRole('button', { name: 'Reset Ben Okafor to Default' }).click();
  await expect(page.getByText('No employee has custom settings')).toBeVisible();
});

test('X1 X2 Exclusion List: area codes marked with an asterisk, Add Number with the error on the field, delete with confirmation', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/exclusions`);
  await expect(page.getByTestId('exclusion-212')).toContainText('212*');
  await expect(page.getByTestId('exclusion-+14158675309')).toContainText('(415) 867-5309');
  await screenshot(page, 'exclusion-list');

  await page.getByRole('button', { name: 'Add Number' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Number' });
  const field = dialog.getByLabel('Phone number or area code');
  await field.fill('41');
  await dialog.getByRole('button', { name: 'Add Number' }).click();
  await expect(dialog.getByText(/"41" is not a valid phone number/)).toBeVisible();
  await expect(field).toHaveValue('41');
  await field.fill('(312) 867-4400');
  await dialog.getByRole('button', { name: 'Add Number' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('exclusion-+13128674400')).toContainText('(312) 867-4400');

  await page.getByRole('button', { name: 'Delete 907*' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove from the Exclusion List?' });
  await expect(confirm).toContainText('area code 907');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('exclusion-907')).toHaveCount(0);
});

test('R17 without the Edit Call Recording Settings permission the recording defaults are read-only', async ({ page, signIn, server }) => {
  await signIn('tenantAdmin');
  await page.goto(`${server.url}/recording-defaults/queue`);
  await expect(page.getByTestId('setting-call-recording-default')).toContainText('Automatically Record');
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Reset .* to Default/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Exclusion List' }).click();
  await expect(page.getByTestId('exclusion-212')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add Number' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
});

test('X2 Bulk Upload Numbers: a bad row is shown and changes nothing; a good file is previewed, then replaces the list; the download uploads back unchanged', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/exclusions`);
  const dialog = page.getByRole('dialog', { name: 'Bulk upload numbers' });
  const choose = (name: string, text: string) =>
    dialog.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  await page.getByRole('button', { name: 'Bulk Upload Numbers' }).click();
  await choose('bad.csv', 'Phone\n(312) 867-4400\nnot a number\n');
  await dialog.getByRole('button', { name: 'Bulk Upload' }).click();
  await expect(dialog.getByRole('table', { name: 'Invalid rows' })).toContainText('not a number');
  await expect(dialog.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('exclusion-+13128674400')).toHaveCount(0);

  await page.getByRole('button', { name: 'Bulk Upload Numbers' }).click();
  await choose('good.csv', 'Phone;Name\n(312) 867-4400;Pat\n212;\n312.867.4400;again\n');
  await dialog.getByRole('button', { name: 'Bulk Upload' }).click();
  await expect(dialog.getByTestId('bulk-preview')).toContainText('1 already on the list of 5; 1 new');
  await expect(dialog.getByTestId('bulk-preview')).toContainText('1 repeated');
  await screenshot(page, 'bulk-upload');
  await dialog.getByRole('radio', { name: 'Replace them entirely' }).check();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByTestId('bulk-done')).toContainText('1 added, 4 removed; the list holds 2 entries');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('table', { name: 'Exclusion List' }).getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('exclusion-+13128674400')).toBeVisible();

  for (const format of ['csv', 'xlsx'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: format === 'csv' ? 'CSV' : 'Excel (.xlsx)' }).click(),
    ]);
    const file = await download.path();
    await page.getByRole('button', { name: 'Bulk Upload Numbers' }).click();
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: readFileSync(file) });
    await dialog.getByRole('button', { name: 'Bulk Upload' }).click();
    await expect(dialog.getByTestId('bulk-preview')).toContainText('2 already on the list of 2; 0 new');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
});

test('X2 hardening item 1: a file with no entries cannot empty the list without a second confirmation', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/exclusions`);
  const dialog = page.getByRole('dialog', { name: 'Bulk upload numbers' });
  await page.getByRole('button', { name: 'Bulk Upload Numbers' }).click();
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'blank.csv', mimeType: 'text/csv', buffer: Buffer.from('Number or area code\n') });
  await dialog.getByRole('button', { name: 'Bulk Upload' }).click();
  await expect(dialog.getByTestId('bulk-preview')).toContainText('0 rows read, 0 numbers and area codes');
  await expect(dialog.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await dialog.getByRole('radio', { name: 'Replace them entirely' }).check();
  await expect(dialog.getByTestId('bulk-empty-warning')).toContainText('removes all 5 entries');
  await expect(dialog.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await dialog.getByRole('checkbox', { name: 'Yes, empty the exclusion list' }).check();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByTestId('bulk-done')).toContainText('the list holds 0 entries');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText('The exclusion list is empty: no number or area code is excluded from recording.')).toBeVisible();
});

test('X1 a long exclusion list is paged and searchable', async ({ page, signIn, server }) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/exclusions`);
  const numbers = Array.from({ length: 250 }, (_, i) => `(619) 867-${String(4000 + i)}`);
  await page.getByRole('button', { name: 'Bulk Upload Numbers' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk upload numbers' });
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'long.csv', mimeType: 'text/csv', buffer: Buffer.from(`Phone\n${numbers.join('\n')}\n`) });
  await dialog.getByRole('button', { name: 'Bulk Upload' }).click();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('exclusion-count')).toHaveText('255 entries');
  const rows = page.getByRole('table', { name: 'Exclusion List' }).getByRole('row');
  await expect(rows).toHaveCount(101);
  await page.getByRole('button', { name: '3', exact: true }).click();
  await expect(rows).toHaveCount(56);
  await page.getByLabel('Search').fill('867 4249');
  await expect(page.getByTestId('exclusion-count')).toHaveText('1 matching entry');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('exclusion-+16198674249')).toBeVisible();
});
