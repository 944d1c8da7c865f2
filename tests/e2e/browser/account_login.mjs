// Signing in to a TriCoach account end to end, with headless Chromium as the system browser: tricoach-cli starts
// the sign-in (`account sign-in --no-browser` prints the sign-in page's address), Chromium opens tricoach-sync's
// page, presses "Sign in with Strava", authorizes on the Strava emulator's page, and lands back on the CLI's
// loopback listener; the session lands in the keychain (this runs inside tests/support/with-keyring.sh). Strava
// then syncs through the account without a Strava secret on the desktop. A second athlete signs in with email and
// password on the same page.
//
// node account_login.mjs <tricoach-cli> <fake_strava> <tricoach-sync> <work folder>
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { expect, fail, firstLine, run, waitExit } from './common.mjs';

const [cli, fake, syncServer, work] = process.argv.slice(2);
if (!cli || !fake || !syncServer || !work) {
  console.error('usage: node account_login.mjs <tricoach-cli> <fake_strava> <tricoach-sync> <work folder>');
  process.exit(2);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });





function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const emulator = spawn(fake, ['--athletes', '1', '--activities', '40', '--seed', '5', '--client-id', '888',
  '--client-secret', 'server-secret', '--rate-limits', '2000,20000,1000,10000']);
const hello = JSON.parse(await firstLine(emulator));

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const database = `sqlite:${join(work, 'sync.sqlite')}`;
const serverEnv = {
  ...process.env,
  TRICOACH_STRAVA_CLIENT_ID: '888',
  TRICOACH_STRAVA_CLIENT_SECRET: 'server-secret',
  TRICOACH_STRAVA_API_BASE: hello.api_base,
  TRICOACH_STRAVA_OAUTH_BASE: hello.oauth_base,
  TRICOACH_STRAVA_VERIFY_TOKEN: 'verify-browser',
  TRICOACH_STRAVA_WEBHOOK_PATH: 'hook-browser-1',
  TRICOACH_SYNC_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64'),
};
const vera = await run(syncServer, ['user', 'create', '--email', 'vera@example.org', '--database', database],
  serverEnv, 'a long enough password\n');
expect(vera.code === 0, `an email account is created on the server (${vera.err.trim()})`);
const server = spawn(syncServer, ['serve', '--listen', `127.0.0.1:${port}`, '--database', database],
  { env: serverEnv, stdio: ['ignore', 'ignore', 'inherit'] });
let ready = false;
for (let i = 0; i < 100 && !ready; ++i) {
  await sleep(100);
  ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
}
expect(ready, 'tricoach-sync is ready');

// The desktop's side: no Strava application of its own.
const env = { ...process.env };
for (const name of ['TRICOACH_SECRETS_FILE', 'TRICOACH_STRAVA_CLIENT_ID', 'TRICOACH_STRAVA_CLIENT_SECRET'])
  delete env[name];
env.TRICOACH_STRAVA_API_BASE = hello.api_base;
env.TRICOACH_STRAVA_OAUTH_BASE = hello.oauth_base;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--password-store=basic', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});


// One sign-in: the CLI prints the page's address; `act` plays the athlete on the sign-in page.
async function signIn(db, name, act) {
  const child = spawn(cli, ['--db', db, 'account', 'sign-in', '--server', base, '--no-browser', '--timeout-min', '2'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const line = await firstLine(child);
  out += line + '\n';
  child.stdout.on('data', (d) => (out += d));
  const url = line.match(/https?:\/\/\S+/)?.[0];
  expect(url?.startsWith(`${base}/oauth/authorize?`) && url.includes('code_challenge_method=S256'),
    'the CLI prints the sign-in page\'s address, with a PKCE challenge');
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(url);
  expect(await page.locator('#strava').isVisible() && await page.locator('#email').isVisible(),
    'the sign-in page offers Strava and email + password');
  await page.screenshot({ path: join(work, `signin-${name}.png`) });
  await act(page);
  await page.waitForFunction(() => document.body.innerText.includes('close this tab'), null, { timeout: 20000 });
  expect(page.url().startsWith('http://127.0.0.1:') && !page.url().startsWith(base),
    'the browser comes back to the CLI on 127.0.0.1');
  await page.screenshot({ path: join(work, `back-${name}.png`) });
  const code = await waitExit(child, () => `${out}\n${err}`, 'Signed in');
  await page.close();
  return { code, out, err };
}

try {
  const annaDb = join(work, 'anna.sqlite');
  const anna = await signIn(annaDb, 'strava', async (page) => {
    await Promise.all([page.waitForURL((u) => u.toString().startsWith(hello.oauth_base)), page.locator('#strava').click()]);
    expect(await page.locator('#authorize').isVisible(), 'Sign in with Strava leads to Strava\'s authorize page');
    await Promise.all([page.waitForLoadState('load'), page.locator('#authorize').click()]);
  });
  expect(anna.code === 0, `account sign-in with Strava succeeds (${anna.err.trim()})`);
  expect(anna.out.includes('system keychain'), 'the session is kept in the system keychain');
  const status = await run(cli, ['--db', annaDb, 'account', 'status', '--json'], env);
  const st = JSON.parse(status.out);
  expect(st.signed_in && st.strava_athlete_id === hello.athletes[0],
    `the account knows its Strava athlete (${status.out.trim()})`);

  const linked = await run(cli, ['--db', annaDb, 'strava', 'connect', '--through-account'], env);
  expect(linked.code === 0, `Strava is linked through the account (${linked.err.trim()})`);
  const sync = await run(cli, ['--db', annaDb, 'strava', 'sync', '--json'], env);
  expect(sync.code === 0, `Strava syncs through the account (${sync.err.trim()})`);
  const listed = JSON.parse((await run(cli, ['--db', annaDb, 'activities', '--json'], env)).out);
  const truth = await (await fetch(`${hello.oauth_base}/_emulator/activities?athlete_id=${hello.athletes[0]}`)).json();
  expect(listed.length === truth.length, `every Strava activity arrived (${listed.length} of ${truth.length})`);

  const veraDb = join(work, 'vera.sqlite');
  const second = await signIn(veraDb, 'password', async (page) => {
    await page.locator('#email').fill('Vera@Example.org');
    await page.locator('#password').fill('a long enough password');
    await Promise.all([page.waitForLoadState('load'), page.locator('#signin').click()]);
  });
  expect(second.code === 0, `account sign-in with email and password succeeds (${second.err.trim()})`);
  const veraStatus = JSON.parse((await run(cli, ['--db', veraDb, 'account', 'status', '--json'], env)).out);
  expect(veraStatus.signed_in && veraStatus.strava_athlete_id === null, 'signed in without Strava');
  const out = await run(cli, ['--db', veraDb, 'account', 'sign-out'], env);
  expect(out.code === 0 && out.out.includes('Signed out'), 'signing out ends the session');
} catch (e) {
  if (!process.exitCode) {
    console.error(`FAILED: ${e.stack ?? e}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  emulator.kill('SIGTERM');
}
