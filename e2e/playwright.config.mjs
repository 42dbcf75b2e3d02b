// Page tests: Playwright drives Debian's Chromium (never a downloaded browser)
// against the real demo/test server on loopback.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.MOMENTUM_TEST_PORT || 8788);

export default defineConfig({
  testDir: "./tests",
  // Bundles www/examples/ with esbuild into www/examples/dist/ (see global-setup.mjs).
  globalSetup: "./global-setup.mjs",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
      ],
    },
  },
  // The tests that time main-thread tasks (rule 50's 500 ms) are their own
  // project: scripts/test.sh runs it after the others, one test after another
  // in one worker, so a page test in the other worker is not what they
  // measure on a 2-core machine.
  projects: [
    { name: "pages", testIgnore: /bounded\.spec/ },
    { name: "timed", testMatch: /bounded\.spec/ },
  ],
  webServer: {
    command: `../target/debug/momentum-server --port ${port} --root ..`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
