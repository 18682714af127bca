import { readFileSync } from 'node:fs';
import { adminApi, expect, screenshot, test } from './fixtures.js';

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
  const billing = page.getByTestId('queue-q-billing');
  await expect(billing).toContainText('Custom');
  await expect(billing).toContainText('Manually Record');
  await expect(page.getByTestId('queue-q-dispatch')).toContainText('Always Record');
  await screenshot(page, 'recording-queue');
  await page.getByRole('button', { name: 'Reset Dispatch to Default' }).click();
  // Back on the defaults: listed as Default, with the defaults' values in force.
  await expect(page.getByTestId('queue-q-dispatch')).toContainText('Default');
  await expect(page.getByTestId('queue-q-dispatch')).toContainText('Manually Record');
  await expect(page.getByRole('button', { name: 'Reset Dispatch to Default' })).toHaveCount(0);
  await expect(billing).toContainText('Custom');
});

test("R17 issue 15 a setting saved over someone else's newer save is refused in words with Reload, which shows their value and keeps the choice", async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/queue`);
  await page.getByRole('button', { name: 'Edit Call Recording Default' }).click();
  await page.getByRole('radio', { name: 'Always Record' }).check();
  // Meanwhile another administrator saves the queue defaults.
  const defaults = await (await page.request.get(`${server.url}/api/networks/summit/recording-defaults`)).json();
  const admin = await adminApi(server);
  const { trigger, connectedMode, queue, individual, transfer } = defaults;
  const other = await admin.put('/api/networks/summit/recording-defaults', {
    trigger,
    connectedMode,
    individual,
    transfer,
    queue: { ...queue, mode: 'never' },
  });
  expect(other.status()).toBe(200);
  await admin.dispose();
  const setting = page.getByTestId('setting-call-recording-default');
  await setting.getByRole('button', { name: 'Confirm' }).click();
  await expect(setting.getByTestId('stale-notice')).toContainText('These settings changed since you opened them');
  await expect(setting.getByRole('radio', { name: 'Always Record' })).toBeChecked();
  await setting.getByRole('button', { name: 'Reload' }).click();
  await expect(setting.getByTestId('their-change')).toContainText('Now saved: Never Record');
  await setting.getByRole('button', { name: 'Confirm' }).click();
  await expect(setting.getByTestId('setting-value')).toHaveText('Always Record');
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
  await expect(page.getByTestId('queue-q-sales')).toContainText('Custom');
  await expect(page.getByTestId('queue-q-sales')).toContainText('Never Record');
});

test('R5 R8 issue 15: every queue and employee is listed, Default or Custom with the values in force, found by name (kept in the address), and opened to customise', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('admin');
  await page.goto(`${server.url}/recording-defaults/queue`);
  const queues = page.getByRole('table', { name: 'Queues' });
  await expect(page.getByTestId('queue-q-sales')).toContainText('Default');
  await expect(page.getByTestId('queue-q-sales')).toContainText('Automatically Record');
  await page.getByRole('textbox', { name: 'Search queues' }).fill('serv');
  await expect(queues.getByRole('row')).toHaveCount(2);
  await expect(page).toHaveURL(/search=serv/);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Search queues' })).toHaveValue('serv');
  await expect(page.getByTestId('queue-q-sales')).toHaveCount(0);
  await page.getByRole('link', { name: 'Customise Service' }).click();
  await expect(page.getByRole('heading', { name: 'Service' })).toBeVisible();
  // A queue on the defaults says what it follows, with the values.
  const inForce = page.getByRole('group', { name: 'Follows the Queue Defaults' });
  await expect(inForce).toContainText('Automatically Record');
  await expect(inForce).toContainText('Prompt employees to announce recording status');

  await page.goto(`${server.url}/recording-defaults/individual`);
  await expect(page.getByText('They do not apply to inbound calls through click-to-call.')).toBeVisible();
  await expect(page.getByTestId('setting-inbound-call-recording-announcement')).toContainText('Only for additional announcements');
  const ana = page.getByTestId('employee-emp-ana');
  await expect(ana).toContainText('Default');
  await page.getByRole('textbox', { name: 'Search employees' }).fill('reyes');
  await expect(page.getByRole('table', { name: 'Employees' }).getByRole('row')).toHaveCount(2);
  await page.getByRole('link', { name: 'Customise Ana Reyes' }).click();
  await expect(page.getByRole('group', { name: 'Follows the Individual Defaults' })).toContainText('Outbound');
  await page.getByRole('radio', { name: 'Custom settings' }).check();
  await page.getByRole('textbox', { name: 'Inbound Call Recording' }).click();
  await page.getByRole('option', { name: 'Always Record' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('saved')).toBeVisible();
  await page.goto(`${server.url}/recording-defaults/individual`);
  await expect(ana).toContainText('Custom');
  await expect(ana).toContainText('Always Record');

  // The notes the product pages give, where the setting is.
  await page.goto(`${server.url}/recording-defaults/queue`);
  await expect(
    page.getByText('If a queue call is redirected to another queue, the settings of the queue that answers the call apply.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Edit Call Recording Announcement' }).click();
  await expect(page.getByText('The system does not announce recording or prompt the agent to mention it.')).toBeVisible();
  await page.goto(`${server.url}/recording-defaults/exclusions`);
  await expect(page.getByText('is still recorded when the employee takes a queue call')).toBeVisible();
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
  await expect(page.getByTestId('employee-emp-ben')).toContainText('Never Record');
  await screenshot(page, 'recording-individual');
  await page.getByRole('link', { name: 'Ben Okafor' }).click();
  await expect(page.getByRole('radio', { name: 'Custom settings' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Outbound Call Recording' })).toHaveValue('Always Record');
  await page.goto(`${server.url}/recording-defaults/individual`);
  await page.getByRole('button', { name: 'Reset Ben Okafor to Default' }).click();
  await expect(page.getByTestId('employee-emp-ben')).toContainText('Default');
  await expect(page.getByText('0 with custom settings')).toBeVisible();
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

  // X1 decision 0118: a number outside NANP is an E.164 entry, shown in its international form.
  await page.getByRole('button', { name: 'Add Number' }).click();
  await dialog.getByLabel('Phone number or area code').fill('+44 20 7946 0958');
  await dialog.getByRole('button', { name: 'Add Number' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('exclusion-+442079460958')).toContainText('+44 20 7946 0958');
  const csv = await page.request.get(`${server.url}/api/networks/summit/exclusions/export?format=csv`);
  const text = await csv.text();
  expect(text).toContain('\r\n+442079460958\r\n');
  expect(text).toContain('\r\n+13128674400\r\n');
  expect(text).not.toContain("'");

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

  // The bad rows as a file to correct; the good ones may be added alone (adding only).
  await page.getByRole('button', { name: 'Bulk Upload Numbers' }).click();
  await choose('some-bad.csv', 'Phone\n(312) 867-4400\nnot a number\n=HYPERLINK("x")\n');
  await dialog.getByRole('button', { name: 'Bulk Upload' }).click();
  const href = (await dialog.getByTestId('invalid-rows-download').getAttribute('href'))!;
  const badRows = decodeURIComponent(href.slice(href.indexOf(',') + 1)).split('\r\n');
  expect(badRows[0]).toBe('Row,Value,Why');
  expect(badRows[1]).toMatch(/^3,not a number,/);
  expect(badRows[2]).toMatch(/^4,"'=HYPERLINK\(""x""\)",/);
  await dialog.getByRole('button', { name: 'Add the valid rows only (1 new)' }).click();
  await expect(dialog.getByTestId('bulk-done')).toContainText(
    '1 added, 0 removed; the list holds 6 entries. 2 invalid rows were left out.',
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('exclusion-+13128674400')).toBeVisible();
  await page.getByRole('button', { name: 'Delete (312) 867-4400' }).click();
  await page.getByRole('dialog', { name: 'Remove from the Exclusion List?' }).getByRole('button', { name: 'Delete' }).click();
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
