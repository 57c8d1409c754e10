/** Debian's Chromium for the browser tests (skipped when it is absent), and how they start it. */
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const haveChromium = (): boolean => fs.existsSync(CHROMIUM);
