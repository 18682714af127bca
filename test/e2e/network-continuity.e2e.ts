import { adminApi, expect, screenshot, test, wallClock } from './fixtures.js';

test('C8 C10 C11 the Call Continuity Status table: tenant, default number or "Voice Agent", exceptions, status; Update Settings opens the tenant in a new tab', async ({
  page,
  signIn,
  context,
}) => {
  await signIn('admin');
  const table = page.getByRole('table', { name: 'Call Continuity Status' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Tenant Name',
    'Default Call Continuity Number',
    'Exceptions',
    'Call Continuity Status',
    'Settings',
  ]);
  const coastal = page.getByTestId('tenant-row-coastal-hvac');
  await expect(coastal).toContainText('(858) 204-1100');
  await expect(coastal.getByRole('cell').nth(2)).toHaveText('1');
  await expect(coastal.getByRole('switch')).toBeChecked();
  await expect(page.getByTestId('tenant-row-sunrise-plumbing')).toContainText('Voice Agent');
  await expect(page.getByTestId('tenant-row-harbor-roofing')).toContainText('Not live in the contact center');
  await expect(page.getByTestId('continuity-badge')).toHaveText('Partial · 1 of 4');
  await screenshot(page, 'network-continuity');

  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('tenant-row-coastal-hvac').getByRole('link', { name: 'Update Settings' }).click(),
  ]);
  await expect(tab).toHaveURL(/\/tenants\/coastal-hvac\/continuity$/);
  await expect(tab.getByRole('heading', { name: 'Coastal HVAC' })).toBeVisible();
});

test('C10 the toggle switches one tenant at once; C9 a switch that would be refused is not offered and its row says why (the numbers); a tenant not live in the contact center is confirmed before it is switched on', async ({
  page,
  signIn,
}) => {
  await signIn('admin');
  const sunrise = page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch');
  await sunrise.click({ force: true });
  await expect(sunrise).toBeChecked();
  await expect(page.getByTestId('tenant-row-sunrise-plumbing')).toContainText('On');
  await page.reload();
  await expect(page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch')).toBeChecked();

  // C9: a switch that would be refused is not offered, and the row says why before any click.
  const peakRow = page.getByTestId('tenant-row-peak-electric');
  const peak = peakRow.getByRole('switch');
  await expect(peak).toBeDisabled();
  await expect(peak).toHaveAccessibleDescription(/\(760\) 867-5501, \(760\) 867-5502/);
  await expect(peakRow).toContainText('No valid continuity destination for (760) 867-5501, (760) 867-5502');
  await expect(peak).not.toBeChecked();

  // A tenant not live in the contact center is asked about before it is switched on.
  const harbor = page.getByTestId('tenant-row-harbor-roofing').getByRole('switch');
  await harbor.click({ force: true });
  const confirm = page.getByRole('dialog', { name: 'Switch on Harbor Roofing?' });
  await expect(confirm).toContainText('not live in the contact center');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(harbor).not.toBeChecked();
  await page.reload();
  await harbor.click({ force: true });
  await page.getByRole('dialog', { name: 'Switch on Harbor Roofing?' }).getByRole('button', { name: 'Switch on anyway' }).click();
  await expect(harbor).toBeChecked();
});

test('C11 Turn On For All lists unsafe tenants and leaves them off unless included; Turn Off For All; the badge follows (C8)', async ({
  page,
  signIn,
}) => {
  await signIn('admin');
  await page.getByRole('button', { name: 'Turn On For All' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn On For All' });
  await expect(dialog).toContainText('Sunrise Plumbing');
  const harbor = dialog.getByRole('checkbox', { name: /Harbor Roofing: Not live in the contact center/ });
  await expect(harbor).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /Peak Electric/ })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Turn On For All' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch')).toBeChecked();
  await expect(page.getByTestId('tenant-row-harbor-roofing').getByRole('switch')).not.toBeChecked();
  await expect(page.getByTestId('continuity-badge')).toHaveText('Partial · 2 of 4');

  // Included explicitly, the unsafe tenant is switched on too.
  await page.getByRole('button', { name: 'Turn On For All' }).click();
  await dialog.getByRole('checkbox', { name: /Harbor Roofing/ }).check();
  await dialog.getByRole('button', { name: 'Turn On For All' }).click();
  await expect(page.getByTestId('tenant-row-harbor-roofing').getByRole('switch')).toBeChecked();

  await page.getByRole('button', { name: 'Turn Off For All' }).click();
  const off = page.getByRole('dialog', { name: 'Turn Off For All' });
  await expect(off).toContainText('standard contact center workflows');
  await off.getByRole('button', { name: 'Turn Off For All' }).click();
  await expect(page.getByTestId('continuity-badge')).toHaveText('Inactive');
  for (const id of ['coastal-hvac', 'harbor-roofing', 'sunrise-plumbing', 'peak-electric']) {
    await expect(page.getByTestId(`tenant-row-${id}`).getByRole('switch')).not.toBeChecked();
  }
});

test("I1 C10 the status table works with the keyboard: Tab to a tenant's switch, Space switches it", async ({ page, signIn }) => {
  await signIn('admin');
  const sunrise = page.getByRole('switch', { name: 'Call Continuity for Sunrise Plumbing' });
  // Peak Electric's switch is not offered (C9): from its Update Settings link, Tab reaches Sunrise Plumbing's switch.
  await page.getByTestId('tenant-row-peak-electric').getByRole('link', { name: 'Update Settings' }).focus();
  await page.keyboard.press('Tab');
  await expect(sunrise).toBeFocused();
  await page.keyboard.press('Space');
  await expect(sunrise).toBeChecked();
  await expect(page.getByTestId('tenant-row-sunrise-plumbing')).toContainText('On');
});

test("C16 a test call from the network's Call Continuity screen: any tenant's number, named by tenant, decided on the stored settings", async ({
  page,
  signIn,
}) => {
  await signIn('admin');
  const panel = page.getByRole('form', { name: 'Test call' });
  await panel.getByRole('textbox', { name: 'Tracking number' }).click();
  await page.getByRole('option', { name: 'Coastal HVAC · (858) 867-5401' }).click();
  await panel.getByRole('button', { name: 'Place test call' }).click();
  await expect(panel.getByTestId('plan-summary')).toContainText('Call Continuity');
  await panel.getByRole('textbox', { name: 'Tracking number' }).click();
  await page.getByRole('option', { name: 'Sunrise Plumbing · (619) 867-5301' }).click();
  await panel.getByRole('button', { name: 'Place test call' }).click();
  await expect(panel.getByTestId('plan-summary')).toContainText('Normal workflow → queue Service');
  // The switch takes effect on the next test call.
  await page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch').click({ force: true });
  await expect(page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch')).toBeChecked();
  await panel.getByRole('button', { name: 'Place test call' }).click();
  await expect(panel.getByTestId('plan-summary')).toContainText('Call Continuity → Voice Agent Ava (bookings)');
});

test('issue 15 the overview: calls per 5 minutes by where they went, recordings made and paused, for the network or one tenant; a switch is marked and its effect seen', async ({
  page,
  signIn,
  server,
}) => {
  const admin = await adminApi(server);
  // A queue call is answered by an agent; a continuity call is taken by its destination.
  const call = async (to: string, answered = true) => {
    const response = await admin.simulatedCall({ direction: 'inbound', from: '(415) 555-0100', to }, [
      { type: 'connected', at: 0 },
      ...(answered ? [{ type: 'answered', at: 5, employeeId: 'emp-ana' }] : []),
      { type: 'hangup', at: 60 },
    ]);
    expect(response.status(), await response.text()).toBe(200);
  };
  await call('(619) 867-5301'); // Sunrise Plumbing: its queue (normal workflow), recorded
  await call('(858) 867-5401', false); // Coastal HVAC: in Call Continuity (demo)
  await signIn('admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
  const totals = page.getByTestId('overview-totals');
  await expect(totals.getByRole('group', { name: 'Normal workflow' })).toContainText('1');
  await expect(totals.getByRole('group', { name: 'Call Continuity' })).toContainText('1');
  await expect(page.getByTestId('overview-summary')).toContainText('2 inbound calls in the last 24 hours: 1 went to Call Continuity');
  await expect(page.getByRole('img', { name: 'Calls per 5 minutes, by where they went' }).locator('svg').first()).toBeVisible();

  // One tenant, kept in the address; then its switch, and the next call goes to the backup.
  await page.getByRole('textbox', { name: 'Tenant' }).click();
  await page.getByRole('option', { name: 'Sunrise Plumbing' }).click();
  await expect(page).toHaveURL(/tenant=sunrise-plumbing/);
  await expect(totals.getByRole('group', { name: 'Call Continuity' })).toContainText('0');
  expect((await admin.switchTenant('sunrise-plumbing', true)).status()).toBe(200);
  await call('(619) 867-5301', false);
  await admin.dispose();
  await page.reload();
  await expect(totals.getByRole('group', { name: 'Call Continuity' })).toContainText('1');
  await expect(page.getByTestId('overview-summary')).toContainText('In the last 15 minutes, 1 of 2 went to Call Continuity.');
  await expect(page.getByTestId('overview-summary')).toContainText('Last switch: On: Sunrise Plumbing');
  await screenshot(page, 'overview');
  await page.getByText('The figures as a table').click();
  await expect(page.getByRole('table', { name: 'Calls per 5 minutes' }).getByRole('row')).not.toHaveCount(1);
});

test("B1 the status table shows each tenant's schedule with the time remaining; Schedule For All", async ({ page, signIn }) => {
  await signIn('admin');
  await page.getByRole('button', { name: 'Schedule Call Continuity for Harbor Roofing' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule Call Continuity for Harbor Roofing' });
  await dialog.getByLabel('Switch off at (valid until)').fill(wallClock(90, 'America/Los_Angeles'));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('tenant-row-harbor-roofing').getByRole('list', { name: 'Scheduled for Harbor Roofing' })).toContainText(
    /Off at .* \(in (1 h 29 min|1 h 30 min)\)/,
  );
  await page.getByRole('button', { name: 'Schedule For All' }).click();
  const all = page.getByRole('dialog', { name: 'Schedule Call Continuity for all tenants' });
  await expect(all).toContainText('Tenants that are not safe to switch on stay off');
  await expect(all.getByTestId('schedule-time-zone')).toContainText('this browser’s time zone');
  await all.getByLabel('Switch on at').fill(wallClock(60));
  await all.getByRole('button', { name: 'Schedule' }).click();
  await expect(all).toBeHidden();
  await expect(page.getByRole('list', { name: 'Scheduled for all tenants' })).toContainText(/On at .* \(in (59 min|1 h)\)/);
  await expect(page.locator('.mantine-Modal-overlay')).toHaveCount(0);
  await screenshot(page, 'network-scheduled');
});

test('B5 a second approver: the administrator sets the policy; Turn On For All and a tenant administrator’s switch are asked, not made; another approves, the asker may only withdraw', async ({
  page,
  signIn,
  browser,
}) => {
  await signIn('admin');
  const policy = page.locator('form').filter({ hasText: 'Second approver' });
  await policy.getByRole('textbox', { name: 'Switches that need another administrator' }).click();
  await page.getByRole('option', { name: 'Every switch needs a second administrator' }).click();
  await policy.getByLabel('A request expires after (minutes)').fill('30');
  await policy.getByRole('button', { name: 'Save' }).click();
  await expect(policy.getByTestId('saved')).toBeVisible();

  // Turn On For All: the same preview, and the dialog asks instead of switching.
  const badge = await page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch').isChecked();
  await page.getByRole('button', { name: 'Turn On For All' }).click();
  const dialog = page.getByRole('dialog', { name: 'Turn On For All' });
  await expect(dialog).toContainText("Turn On For All needs another administrator's approval in this network");
  await expect(dialog).toContainText('30 minutes');
  await dialog.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(dialog).toBeHidden();
  const requests = page.getByRole('region', { name: 'Approval requests' });
  const own = requests.locator('[data-testid^="approval-"]').filter({ hasText: 'Turn On For All' });
  await expect(own).toContainText('Waiting for approval');
  await expect(own).toContainText('Asked by you · expires in 30 min');
  await expect(own).toContainText('Another administrator must approve your request.');
  await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  expect(await page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch').isChecked()).toBe(badge);

  // The tenant administrator, elsewhere, asks to switch Sunrise Plumbing on.
  const other = await browser.newContext();
  const sam = await other.newPage();
  await signIn('tenantAdmin', sam);
  await sam.getByRole('switch', { name: 'Enable Call Continuity' }).click({ force: true });
  const ask = sam.getByRole('dialog', { name: 'Ask for approval' });
  await expect(ask).toContainText('Switching Call Continuity on for Sunrise Plumbing needs a second administrator');
  await ask.getByRole('button', { name: 'Ask for approval' }).click();
  await expect(ask).toBeHidden();
  await expect(sam.getByRole('region', { name: 'Approval requests' })).toContainText('Switch Call Continuity on for Sunrise Plumbing');
  await expect(sam.getByRole('switch', { name: 'Enable Call Continuity' })).not.toBeChecked();
  await other.close();

  // The network administrator's page shows it without a reload (the event stream), and they approve it: the switch is made as asked.
  const theirs = requests.locator('[data-testid^="approval-"]').filter({ hasText: 'Switch Call Continuity on for Sunrise Plumbing' });
  await expect(theirs).toContainText('Asked by Sam Sunrise');
  await theirs.getByRole('button', { name: 'Approve' }).click();
  await expect(theirs).toContainText('Approved');
  await expect(theirs).toContainText('approved by Nadia Admin');
  await expect(page.getByTestId('tenant-row-sunrise-plumbing').getByRole('switch')).toBeChecked();
  // Their own request: withdrawn.
  await own.getByRole('button', { name: 'Withdraw' }).click();
  await expect(own).toContainText('Withdrawn');
});
