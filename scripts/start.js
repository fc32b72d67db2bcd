// `npm start`: builds what is stale, makes sure Electron's binary is there (running Electron's own
// installer when it is missing) and opens the desktop app. When the binary cannot be had, it says
// so in one line and serves the same app in the browser instead. `npm run web` (--web) goes
// straight to the browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { buildApp } from './build.js';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

/** The path of Electron's binary, or undefined when it is not installed. */
function electronBinary() {
  try {
    return require('electron');
  } catch {
    return undefined;
  }
}

/** Runs Electron's own installer (it downloads the binary); returns its last line of output. */
function installElectron() {
  const installer = require.resolve('electron/install.js');
  const result = spawnSync(process.execPath, [installer], { encoding: 'utf8', timeout: 300_000 });
  const output = `${result.stdout}\n${result.stderr}`.trim().split('\n');
  const reason = output.find((line) => /Error|ENOTFOUND|EAI_AGAIN|ECONN/.test(line)) ?? output.at(-1) ?? 'no output';
  return reason.trim().replace(/^Error:\s*/, '');
}

await buildApp({ onlyStale: true });

let binary;
let whyNot;
if (!process.argv.includes('--web')) {
  binary = electronBinary();
  if (!binary) {
    whyNot = installElectron();
    binary = electronBinary();
  }
}

if (binary) {
  const child = spawn(binary, [`${root}dist/electron/main.js`, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (whyNot)
    console.log(`Electron's binary could not be downloaded (${whyNot}); serving Flowmap in your browser instead.`);
  register();
  await import('../electron/server/web.ts');
}
