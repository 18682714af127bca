import { adminApi, expect, screenshot, test, twilioProvider, wallClock } from './fixtures.js';

test('C3 C4 C7 a tenant administrator sets an External Number; an invalid number is shown on the field and what was typed stays', async ({
  page,
  signIn,
}) => {
  await signIn('tenantAdmin');
  await expect(page).toHaveURL(/\/tenants\/sunrise-plumbing\/continuity$/);
  await expect(page.getByRole('radio', { name: 'Voice Agent Number' })).toBeChecked();
  await page.getByRole('radio', { name: 'External Number' }).check();
  const phone = page.getByLabel('Phone Number', { exact: true });
  await phone.fill('867-12');
  // The default destination's own Save (the chain below has one too, B6).
  const save = page.getByRole('form', { name: 'Default Call Continuity Number' }).getByRole('button', { name: 'Save' });
  await save.click();
  await expect(page.getByText(/"867-12" is not a valid phone number/)).toBeVisible();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveValue('867-12');
  await phone.fill('(619) 940-2299');
  await save.click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('radio', { name: 'External Number' })).toBeChecked();
  await expect(page.getByLabel('Phone Number', { exact: true })).toHaveValue('(619) 940-2299');
});

test('C5 the Voice Agent option is disabled with the reason when voice agents are not enabled on both sides', async ({ page, signIn }) => {
  await signIn('admin');
  await page.goto(page.url().replace(/\/continuity$/, '/tenants/peak-electric/continuity'));
  const option = page.getByRole('radio', { name: 'Voice Agent Number' });
  await expect(option).toBeDisabled();
  await expect(page.getByText('Voice Agent must be enabled in both the contact center and the core.', { exact: true })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'External Number' })).toBeEnabled();
});

test('C7 C16 enabling Call Continuity warns that standard routing is bypassed, and a test call shows the call going to the continuity destination, recorded, with its reasons', async ({
  page,
  signIn,
}) => {
  await signIn('tenantAdmin');
  await screenshot(page, 'tenant-continuity');
  const toggle = page.getByRole('switch', { name: 'Enable Call Continuity' });
  await expect(page.getByTestId('routing-bypassed')).toHaveCount(0);
  await toggle.click({ force: true });
  await expect(toggle).toBeChecked();
  await expect(page.getByTestId('routing-bypassed')).toContainText('standard');

  await page.getByRole('textbox', { name: 'Tracking number' }).click();
  await page.getByRole('option', { name: '(619) 867-5301' }).click();
  await page.getByRole('button', { name: 'Place test call' }).click();
  const plan = page.getByTestId('plan-summary');
  await expect(plan).toContainText('Call Continuity → Voice Agent Ava (bookings)');
  await expect(page.getByTestId('plan-recorded')).toContainText('yes');
  await expect(plan).toContainText('C3');
  await expect(plan).toContainText('R13');
  await screenshot(page, 'tenant-test-call');

  // C14: back off, the same call follows the normal workflow.
  await toggle.click({ force: true });
  await expect(toggle).not.toBeChecked();
  await page.getByRole('button', { name: 'Place test call' }).click();
  await expect(plan).toContainText('Normal workflow → queue Service');
  await expect(plan).toContainText('C1');
});

test('C4 C6 Phone Numbers: an exception is saved; a tracking number as a continuity number is refused on its field', async ({
  page,
  signIn,
}) => {
  await signIn('tenantAdmin');
  await page.getByRole('tab', { name: 'Phone Numbers' }).click();
  await expect(page).toHaveURL(/\/tenants\/sunrise-plumbing\/phone-numbers$/);
  const after = page.getByLabel('Custom Call Continuity number for (619) 867-5303', { exact: true });
  await expect(after).toHaveValue('(619) 940-2200');
  const main = page.getByLabel('Custom Call Continuity number for (619) 867-5301', { exact: true });
  await main.fill('(619) 867-5302');
  await page.getByRole('button', { name: 'Save Custom Call Continuity number for (619) 867-5301' }).click();
  await expect(page.getByTestId('number-row-tn-sunrise-main')).toContainText('is a tracking number of tenant "Sunrise Plumbing"');
  // In words on the field: the number as people write it, no field path, no E.164.
  await expect(page.getByTestId('number-row-tn-sunrise-main')).toContainText('(619) 867-5302 is a tracking number');
  await expect(page.getByTestId('number-row-tn-sunrise-main')).not.toContainText('+1619');
  await expect(page.getByTestId('number-row-tn-sunrise-main')).not.toContainText('continuityNumber');
  await expect(main).toHaveAttribute('aria-invalid', 'true');
  await expect(main).toHaveValue('(619) 867-5302');
  await main.fill('(619) 940-2201');
  await page.getByRole('button', { name: 'Save Custom Call Continuity number for (619) 867-5301' }).click();
  await expect(page.getByTestId('number-row-tn-sunrise-main').getByRole('status')).toHaveText('Saved.');
  await screenshot(page, 'phone-numbers');
  await page.reload();
  await expect(page.getByLabel('Custom Call Continuity number for (619) 867-5301', { exact: true })).toHaveValue('(619) 940-2201');
});

test("I2 a tenant administrator cannot reach another tenant's settings", async ({ page, signIn, server }) => {
  await signIn('tenantAdmin');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Sunrise Plumbing' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Coastal HVAC' })).toHaveCount(0);
  await page.goto(`${server.url}/tenants/coastal-hvac/continuity`);
  await expect(page.getByRole('alert')).toContainText('No tenant "coastal-hvac"');
  await expect(page.getByRole('switch', { name: 'Enable Call Continuity' })).toHaveCount(0);
  await expect(page.getByLabel('Phone Number', { exact: true })).toHaveCount(0);
});

test('L2 L3 core recording settings warn that recordings will not sync until both directions are Automatic, and confirm the save as every form does', async ({
  page,
  signIn,
}) => {
  await signIn('tenantAdmin');
  await page.getByRole('tab', { name: 'Core recording settings' }).click();
  await expect(page.getByTestId('sync-warning')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Outbound calls' }).click();
  await page.getByRole('option', { name: 'On demand' }).click();
  await page.getByRole('form', { name: 'Core recording settings' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('sync-warning')).toContainText(
    'only when core recording is set to "automatic" for both inbound and outbound',
  );
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await screenshot(page, 'core-recording');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Outbound calls' })).toHaveValue('On demand');
});

test("C7 issue 15 two administrators: a save over the other's newer change of the same section is refused in words, Reload shows their change and keeps what was typed; a change of another section does not clash", async ({
  page,
  signIn,
  server,
}) => {
  await signIn('tenantAdmin');
  const save = page.getByRole('form', { name: 'Default Call Continuity Number' }).getByRole('button', { name: 'Save' });
  await page.getByRole('radio', { name: 'External Number' }).check();
  await page.getByLabel('Phone Number', { exact: true }).fill('(619) 940-2288');
  // Meanwhile the network administrator changes the same tenant's core recording settings (another section)…
  const admin = await adminApi(server);
  const core = await admin.putAt(
    '/api/networks/summit/tenants/sunrise-plumbing/core-recording',
    { inbound: 'never', outbound: 'never' },
    1,
  );
  expect(core.status()).toBe(200);
  await save.click();
  await expect(page.getByTestId('saved')).toBeVisible();
  // …then its default destination (the same section).
  const changed = await admin.put('/api/networks/summit/tenants/sunrise-plumbing/continuity', {
    defaultDestination: { kind: 'external_number', number: '(619) 940-2277' },
  });
  expect(changed.status()).toBe(200);
  await admin.dispose();
  await page.getByLabel('Phone Number', { exact: true }).fill('(619) 940-2299');
  await save.click();
  const stale = page.getByTestId('stale-notice');
  await expect(stale).toContainText('These settings changed since you opened them');
  await expect(page.getByText(/version \d/)).toHaveCount(0);
  await expect(page.getByLabel('Phone Number', { exact: true })).toHaveValue('(619) 940-2299');
  await stale.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('their-change')).toContainText('Now saved: External Number (619) 940-2277');
  await expect(page.getByLabel('Phone Number', { exact: true })).toHaveValue('(619) 940-2299');
  await save.click();
  await expect(page.getByTestId('saved')).toBeVisible();
  await expect(page.getByTestId('their-change')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Phone Number', { exact: true })).toHaveValue('(619) 940-2299');
});

test('B1 Call Continuity scheduled on at a time and off at a time, shown with the time remaining, cancelled, and switched by itself when due', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('tenantAdmin');
  // Typed in the tenant's time zone (Sunrise Plumbing: America/Los_Angeles), whatever the browser's.
  const local = (minutes: number) => wallClock(minutes, 'America/Los_Angeles');
  await page.getByRole('button', { name: 'Schedule…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule Call Continuity for Sunrise Plumbing' });
  await expect(dialog.getByTestId('schedule-time-zone')).toHaveText('Times in America/Los_Angeles (Sunrise Plumbing’s time zone).');
  await dialog.getByLabel('Switch on at').fill(local(180));
  await dialog.getByLabel('Switch off at (valid until)').fill(local(120));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog.getByText(/is not after the time to switch on/)).toBeVisible();
  await dialog.getByLabel('Switch off at (valid until)').fill(local(300));
  await dialog.getByRole('button', { name: 'Schedule' }).click();
  await expect(dialog).toBeHidden();
  const scheduled = page.getByRole('list', { name: 'Scheduled for Sunrise Plumbing' });
  await expect(scheduled.getByRole('listitem')).toHaveCount(2);
  await expect(scheduled.getByRole('listitem').first()).toContainText(/On at .* \(in (2 h 59 min|3 h)\)/);
  await expect(scheduled.getByRole('listitem').last()).toContainText(/Off at .* \(in (4 h 59 min|5 h)\)/);
  await scheduled.getByRole('button', { name: /^Cancel: on at/ }).click();
  await expect(scheduled.getByRole('listitem')).toHaveCount(1);
  await expect(scheduled).toContainText('Off at');
  // Moved to another time.
  await scheduled.getByRole('button', { name: /^Move: off at/ }).click();
  const move = page.getByRole('dialog', { name: 'Move: Call Continuity off for Sunrise Plumbing' });
  await move.getByLabel('New time').fill(local(400));
  await move.getByRole('button', { name: 'Move' }).click();
  await expect(move).toBeHidden();
  await expect(scheduled.getByRole('listitem')).toContainText(/Off at .* \(in (6 h 39 min|6 h 40 min)\)/);

  // Due in two seconds (set through the API): it switches by itself, and the page follows.
  const admin = await adminApi(server);
  const made = await admin.post('/api/networks/summit/continuity/schedules', {
    tenantId: 'sunrise-plumbing',
    onAt: new Date(Date.now() + 2_000).toISOString(),
  });
  expect(made.status()).toBe(201);
  await admin.dispose();
  await expect(page.getByRole('switch', { name: 'Enable Call Continuity' })).toBeChecked({ timeout: 15_000 });
  await expect(scheduled.getByRole('listitem')).toHaveCount(1);
  await screenshot(page, 'tenant-scheduled');
});

test('B4 a drill: started with a test caller, only that caller’s test call reaches the continuity destination (marked a drill), the status table and the agents’ banner show it; ended, the same call follows the workflow', async ({
  page,
  signIn,
  browser,
}) => {
  await signIn('tenantAdmin');
  const drill = page.getByRole('form', { name: 'Drill' });
  await drill.getByLabel('Test caller numbers').fill('(415) 867-2200');
  await drill.getByRole('button', { name: 'Start drill' }).click();
  const running = page.getByTestId('drill-running');
  await expect(running).toContainText('Only calls from (415) 867-2200 reach Sunrise Plumbing');
  await expect(running).toContainText(/ends by itself in (29|30) min/);
  await expect(page.getByRole('switch', { name: 'Enable Call Continuity' })).not.toBeChecked();

  await page.getByRole('textbox', { name: 'Tracking number' }).click();
  await page.getByRole('option', { name: '(619) 867-5301' }).click();
  await page.getByLabel('Caller', { exact: true }).fill('(415) 867-2200');
  await page.getByRole('button', { name: 'Place test call' }).click();
  const plan = page.getByTestId('plan-summary');
  await expect(plan).toContainText('Call Continuity drill → Voice Agent Ava (bookings)');
  await expect(plan).toContainText('B4');
  await page.getByLabel('Caller', { exact: true }).fill('(312) 867-5309');
  await page.getByRole('button', { name: 'Place test call' }).click();
  await expect(plan).toContainText('Normal workflow → queue Service');

  // The agents' banner and the network's status table say so.
  const other = await browser.newContext();
  const agent = await other.newPage();
  await signIn('agent', agent);
  await expect(agent.getByTestId('drill-banner')).toContainText('Sunrise Plumbing: a drill is running');
  await expect(agent.getByTestId('continuity-banner')).not.toContainText('Sunrise Plumbing');
  await other.close();
  const third = await browser.newContext();
  const admin = await third.newPage();
  await signIn('admin', admin);
  await expect(admin.getByTestId('drill-sunrise-plumbing')).toContainText('Drill: test callers only ((415) 867-2200)');
  await third.close();

  await running.getByRole('button', { name: 'End drill' }).click();
  await expect(running).toHaveCount(0);
  await page.getByLabel('Caller', { exact: true }).fill('(415) 867-2200');
  await page.getByRole('button', { name: 'Place test call' }).click();
  await expect(plan).toContainText('Normal workflow → queue Service');
});

test('B6 the continuity chain: a destination after the default, refused in words when it is a tracking number, saved with its ring time; the test call shows the chain, and the call log each destination tried and why it moved on', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('tenantAdmin');
  const chain = page.getByTestId('continuity-chain');
  await expect(chain).toContainText('The recorded message');
  await chain.getByRole('button', { name: 'Add a destination' }).click();
  await chain.getByRole('textbox', { name: 'Phone number 1' }).fill('(858) 867-5401');
  await chain.getByRole('textbox', { name: 'Ring time for each destination (seconds)' }).fill('15');
  await chain.getByRole('button', { name: 'Save' }).click();
  // C6 on every link, on its field, in words.
  await expect(chain.getByText('(858) 867-5401 is a tracking number of tenant "Coastal HVAC"')).toBeVisible();
  await chain.getByRole('textbox', { name: 'Phone number 1' }).fill('(312) 555-0142');
  await chain.getByRole('button', { name: 'Save' }).click();
  await expect(chain.getByText('Saved.')).toBeVisible();
  // The default destination shares the section's version: saving it after the chain is not refused as stale.
  const defaultForm = page.getByRole('form', { name: 'Default Call Continuity Number' });
  await defaultForm.getByRole('button', { name: 'Save' }).click();
  await expect(defaultForm.getByText('Saved.')).toBeVisible();

  const toggle = page.getByRole('switch', { name: 'Enable Call Continuity' });
  await toggle.click({ force: true });
  await expect(toggle).toBeChecked();
  await page.getByRole('textbox', { name: 'Tracking number' }).click();
  await page.getByRole('option', { name: '(619) 867-5301' }).click();
  await page.getByRole('button', { name: 'Place test call' }).click();
  await expect(page.getByTestId('plan-chain')).toHaveText(
    'If it does not answer within 15 seconds (or is busy): (312) 555-0142, then the recorded message.',
  );
  // From the top: a full-page picture taken scrolled would draw the sticky header mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, 'tenant-continuity-chain');

  // A provider's call: the voice agent does not answer, the number is busy, the message plays.
  const provider = await twilioProvider(server);
  const CallSid = `CA${'7'.repeat(32)}`;
  await provider.webhook('/twilio/voice', {
    CallSid,
    From: '+14158672244',
    To: '+16198675301',
    CallStatus: 'ringing',
    Direction: 'inbound',
  });
  await provider.webhook('/twilio/continuity-next', { CallSid, DialCallStatus: 'no-answer' });
  expect(await provider.webhook('/twilio/continuity-next', { CallSid, DialCallStatus: 'busy' })).toContain('<Play>');
  await provider.webhook('/twilio/status', { CallSid, CallStatus: 'completed' });
  await provider.dispose();

  await page.getByRole('link', { name: 'Call Log' }).click();
  await expect(page.getByText('Tried first: Voice Agent Ava (bookings): no answer; (312) 555-0142: busy')).toBeVisible();
});

test('B7 a tenant administrator chooses to announce recording on every call (the core settings saved beside it are not refused); a provider call plays the announcement first, and the call log says the consent given', async ({
  page,
  signIn,
  server,
}) => {
  await signIn('tenantAdmin');
  await page.getByRole('tab', { name: 'Core recording settings' }).click();
  const consent = page.getByRole('form', { name: 'Recording consent announcement' });
  await expect(consent.getByRole('radio', { name: "Where the caller's law asks for it" })).toBeChecked();
  await expect(consent).toContainText('California, Delaware, Florida');
  await consent.getByRole('radio', { name: 'On every recorded call' }).check();
  await consent.getByRole('button', { name: 'Save' }).click();
  await expect(consent.getByText('Saved.')).toBeVisible();
  // The core settings share the section's version: saving them after the policy is not refused as stale.
  const core = page.getByRole('form', { name: 'Core recording settings' });
  await core.getByRole('button', { name: 'Save' }).click();
  await expect(core.getByText('Saved.')).toBeVisible();
  await expect(page.getByTestId('stale-notice')).toHaveCount(0);
  await screenshot(page, 'recording-consent');
  await page.reload();
  await expect(page.getByRole('radio', { name: 'On every recorded call' })).toBeChecked();

  // A provider's call from California to the tenant's number: the announcement, then the queue.
  const provider = await twilioProvider(server);
  const CallSid = `CA${'8'.repeat(32)}`;
  const twiml = await provider.webhook('/twilio/voice', {
    CallSid,
    From: '+14158672255',
    To: '+16198675301',
    CallStatus: 'ringing',
    Direction: 'inbound',
  });
  expect(twiml.indexOf('/twilio/consent-announcement.wav</Play>')).toBeGreaterThan(0);
  expect(twiml.indexOf('</Play>')).toBeLessThan(twiml.indexOf('<Enqueue'));
  await provider.webhook('/twilio/leg-status', {
    CallSid: `CA${'9'.repeat(32)}`,
    ParentCallSid: CallSid,
    CallStatus: 'in-progress',
    To: 'client:emp-ana',
  });
  await provider.webhook('/twilio/status', { CallSid, CallStatus: 'completed' });
  await provider.dispose();

  await page.getByRole('link', { name: 'Call Log' }).click();
  await expect(page.getByText(/Consent: US-CA \(every party must consent\): announced, recording from [\d.]+s/)).toBeVisible();
});

test('B8 a tenant administrator sets how long a paused recording may stay paused: a value out of range is refused on its field, a good one is saved beside the other recording settings', async ({
  page,
  signIn,
}) => {
  await signIn('tenantAdmin');
  await page.getByRole('tab', { name: 'Core recording settings' }).click();
  const pauses = page.getByRole('form', { name: 'Paused recordings' });
  const longest = pauses.getByLabel('Longest pause (seconds)');
  await expect(longest).toHaveValue('600');
  await longest.fill('2');
  await pauses.getByRole('button', { name: 'Save' }).click();
  await expect(pauses.getByText(/maxPauseSeconds|5 to 3600|>= 5|at least 5/i)).toBeVisible();
  await longest.fill('120');
  await pauses.getByRole('button', { name: 'Save' }).click();
  await expect(pauses.getByText('Saved.')).toBeVisible();
  // The section's other forms follow the new version: their saves are not refused as stale.
  const consent = page.getByRole('form', { name: 'Recording consent announcement' });
  await consent.getByRole('button', { name: 'Save' }).click();
  await expect(consent.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Paused recordings' }).getByLabel('Longest pause (seconds)')).toHaveValue('120');
});

test('B10 a tenant administrator sets how long each kind of recording is kept (empty: for ever); a network administrator places a legal hold on a caller and lifts it, each with a reason', async ({
  page,
  signIn,
  browser,
}) => {
  await signIn('tenantAdmin');
  await page.getByRole('tab', { name: 'Core recording settings' }).click();
  const retention = page.getByRole('form', { name: 'How long recordings are kept' });
  await retention.getByLabel('Queue calls').fill('90');
  await retention.getByRole('button', { name: 'Save' }).click();
  await expect(retention.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'How long recordings are kept' }).getByLabel('Queue calls')).toHaveValue('90');
  await expect(page.getByRole('form', { name: 'How long recordings are kept' }).getByLabel('Voice agent calls')).toHaveValue('');

  const admin = await browser.newPage();
  await signIn('admin', admin);
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Legal holds' }).click();
  const place = admin.getByRole('form', { name: 'Place a hold' });
  await place.getByLabel('Which').fill('not a number');
  await place.getByLabel('Why').fill('Litigation 2026-114');
  await place.getByRole('button', { name: 'Place hold' }).click();
  await expect(place.getByText(/not a phone number|phone number/i)).toBeVisible();
  await place.getByLabel('Which').fill('(619) 867-5309');
  await place.getByRole('button', { name: 'Place hold' }).click();
  const holds = admin.getByRole('table', { name: 'Legal holds' });
  await expect(holds).toContainText('Caller (619) 867-5309');
  await expect(holds).toContainText('Litigation 2026-114');
  await screenshot(admin, 'legal-holds');
  await holds.getByRole('button', { name: 'Lift…' }).click();
  await holds.getByLabel('Why it is lifted').fill('Case closed');
  await holds.getByRole('button', { name: 'Lift hold' }).click();
  await expect(holds).toContainText('Lifted');
  await expect(holds.getByRole('button', { name: 'Lift…' })).toHaveCount(0);
  await expect(holds).toContainText('Case closed');
  await admin.close();
});
