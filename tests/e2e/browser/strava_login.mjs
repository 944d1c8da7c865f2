// The Strava sign-in end to end, with headless Chromium as the system browser: tricoach-cli starts the login
// (`strava connect --no-browser` prints the authorize address), Chromium lands on the emulator's authorize page,
// presses Authorize, the redirect reaches the CLI's loopback listener, the tokens land in the keychain (this runs
// inside tests/support/with-keyring.sh), and the first sync fills the store. A second run unticks "private
// activities" and the CLI says what is missing.
//
// node strava_login.mjs <tricoach-cli> <fake_strava> <work folder>
import { spawn } from 'node:child_process';
import { mkdirSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { expect, fail, firstLine, run, waitExit } from './common.mjs';

const [cli, fake, work] = process.argv.slice(2);
if (!cli || !fake || !work) {
  console.error('usage: node strava_login.mjs <tricoach-cli> <fake_strava> <work folder>');
  process.exit(2);
}
// A fresh folder each run: a database left by an earlier run would already hold the activities.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });





const emulator = spawn(fake, ['--athletes', '1', '--activities', '60', '--seed', '3', '--client-id', '777',
  '--client-secret', 'browser-secret', '--rate-limits', '2000,20000,1000,10000']);
const hello = JSON.parse(await firstLine(emulator));
const env = {
  ...process.env,
  TRICOACH_STRAVA_API_BASE: hello.api_base,
  TRICOACH_STRAVA_OAUTH_BASE: hello.oauth_base,
  TRICOACH_STRAVA_CLIENT_ID: '777',
  TRICOACH_STRAVA_CLIENT_SECRET: 'browser-secret',
};
delete env.TRICOACH_SECRETS_FILE; // the keychain, not a file

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // --password-store=basic: Chromium would otherwise use (and may lock) the very keyring the test checks.
  args: ['--password-store=basic', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// One sign-in: the CLI prints the address, Chromium opens it and presses the buttons.
async function signIn(db, untick, extraArgs = []) {
  const connect = spawn(cli, ['--db', db, 'strava', 'connect', '--no-browser', '--timeout-min', '2', ...extraArgs],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  connect.stderr.on('data', (d) => (err += d));
  const line = await firstLine(connect);
  out += line + '\n';
  connect.stdout.on('data', (d) => (out += d));
  const url = line.match(/https?:\/\/\S+/)?.[0];
  expect(line.includes('authorize') && url, 'the CLI prints one line with the authorize address');
  const page = await browser.newPage();
  await page.goto(url);
  expect(await page.locator('#authorize').isVisible(), 'the browser lands on Strava\'s authorize page');
  for (const scope of untick) await page.locator(`input[name="scope"][value="${scope}"]`).uncheck();
  await page.screenshot({ path: join(work, `authorize-${untick.length ? 'unticked' : 'all'}.png`) });
  await Promise.all([page.waitForLoadState('load'), page.locator('#authorize').click()]);
  await page.waitForFunction(() => document.body.innerText.includes('close this tab'), null, { timeout: 20000 });
  expect(page.url().startsWith('http://127.0.0.1:'), 'the redirect reaches the app on 127.0.0.1');
  const code = await waitExit(connect, () => `${out}\n${err}`, 'Connected to Strava');
  await page.close();
  return { code, out, err };
}

try {
  const db = join(work, 'first.sqlite');
  const first = await signIn(db, []);
  expect(first.code === 0, `strava connect succeeds (${first.err.trim()})`);
  expect(first.out.includes('system keychain'), 'the tokens are kept in the system keychain');
  const configDir = join(process.env.HOME ?? work, '.config');
  const files = existsSync(configDir) ? readdirSync(configDir, { recursive: true }).map(String) : [];
  expect(!files.some((f) => f.endsWith('secrets.json')), 'no secrets file was written');

  const sync = await run(cli, ['--db', db, 'strava', 'sync', '--json'], env);
  expect(sync.code === 0, `the first sync succeeds (${sync.err.trim()})`);
  const summary = JSON.parse(sync.out);
  const listed = await run(cli, ['--db', db, 'activities', '--json'], env);
  const activities = JSON.parse(listed.out);
  const truth = await (await fetch(`${hello.oauth_base}/_emulator/activities?athlete_id=${hello.athletes[0]}`)).json();
  expect(activities.length === truth.length && summary.added === truth.length,
    `the first sync stores every activity (${activities.length} stored, ${summary.added} added, ${truth.length} on Strava)`);
  expect(activities.every((a) => a.source === 'strava' && Number.isInteger(a.external_id) && a.external_id > 2 ** 32),
    'each activity is marked as Strava\'s with its 64-bit id');

  const second = await signIn(join(work, 'second.sqlite'), ['activity:read_all'], ['--ask-again']);
  expect(second.code === 0, 'connecting without private activities still succeeds');
  expect(second.out.includes('Private activities'), 'the CLI says private activities are left out');
} catch (e) {
  if (!process.exitCode) {
    console.error(`FAILED: ${e.stack ?? e}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  emulator.kill('SIGTERM');
}
