import { defineConfig } from '@playwright/test';
import { CONSOLE_IDP } from './e2e/fixtures/console-idp';
import { E2E } from './e2e/fixtures/e2e-env';
import { consoleServerEnv } from './e2e/fixtures/server-env';

export default defineConfig({
  testDir: './e2e',
  outputDir: `${E2E.dataDir}-results`,
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: E2E.baseUrl,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /global\.setup\.ts/ },
    { name: 'chromium', testMatch: /.*\.spec\.ts/, dependencies: ['setup'], use: { storageState: E2E.adminState } },
  ],
  webServer: [
  {
    // The console's identity provider (OIDC sign-in): up before the console, which reads OIDC_ISSUER at start.
    command: 'node bin/run-ts.mjs e2e/fixtures/console-idp.ts',
    url: `${CONSOLE_IDP.issuer}/.well-known/openid-configuration`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  {
    // A fresh database and key for every run: the setup project creates the first admin through the UI.
    command: `rm -rf ${E2E.dataDir} && mkdir -p ${E2E.dataDir} && node bin/server.mjs 2>&1 | tee ${E2E.serverLog}`,
    url: `${E2E.baseUrl}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: consoleServerEnv(E2E.port),
  },
  ],
});
