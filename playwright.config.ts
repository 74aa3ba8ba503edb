/*
 * Copyright 2023 The Backstage Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { defineConfig } from '@playwright/test';

/**
 * Browser journeys against the portal as `scripts/start.sh` runs it (app :3000, backend
 * :7007). `scripts/e2e.sh` starts the portal, runs the `sre` project signed in as the
 * guest (an SRE), restarts the portal with the guest mapped to carol (not an SRE) and runs
 * the `non-sre` project; E2E_PASS names the pass so each keeps its own report. Debian's
 * Chromium, not a downloaded browser.
 */
const pass = process.env.E2E_PASS ?? 'local';
const out = `artifacts/e2e`;

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // The dev server on a loaded 2-core machine: first loads of a lazy chunk take seconds.
  timeout: 300_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One browser at a time: the journeys share the portal and the machine is small.
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: `${out}/report-${pass}` }],
    ['json', { outputFile: `${out}/results-${pass}.json` }],
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    actionTimeout: 30_000,
    navigationTimeout: 120_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        // Without these Chromium keeps reaching for the network, which on a closed
        // machine stalls page loads.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: `${out}/test-results-${pass}`,
  projects: [
    { name: 'sre', testIgnore: /non-sre\.test\.ts$/ },
    { name: 'non-sre', testMatch: /non-sre\.test\.ts$/ },
  ],
});
