// chromium.mjs - Debian's Chromium as the studio's browser test
// (studio.test.mjs) and its latency bench (bench/studio-latency.mjs) open
// it: playwright-core (no browser of its own, from this folder's
// node_modules) driving /usr/bin/chromium headless at 1400 x 900, in a
// profile folder of its own, with the switches that let it run in a
// container (no sandbox, no GPU) and keep it from calling out (no
// background networking, component updates or sync; the callers also
// abort every request not to the server).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Launches Chromium in a new profile under the system's temporary folder
// (its name starts with prefix).  Returns { context, close }: the
// persistent context, and close(), which closes it and removes the
// profile.  When the launch fails the profile is removed and the error
// thrown.
export async function openChromium(prefix) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const remove = () => fs.rmSync(profile, { recursive: true, force: true });
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  } catch (err) {
    remove();
    throw err;
  }
  return {
    context,
    close: async () => {
      await context.close();
      remove();
    },
  };
}
