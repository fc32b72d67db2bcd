import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryPorts } from '../../electron/server/server';
import { tempFolder } from './store/helpers';

const WEB = fileURLToPath(new URL('../../electron/server/web.ts', import.meta.url));
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/**
 * Runs the browser mode as `npm run web` does, on a library of its own. `xdg-open` is a stand-in
 * on PATH that writes down what it was given (there is no desktop here to open a browser on).
 */
function runWeb(env: Record<string, string>) {
  const folder = tempFolder();
  const bin = join(folder, 'bin');
  const opened = join(folder, 'opened.txt');
  mkdirSync(bin);
  writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > '${opened}'\n`);
  chmodSync(join(bin, 'xdg-open'), 0o755);
  const library = join(folder, 'flowmap.db');
  const { BROWSER: _browser, FLOWMAP_PORT: _port, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', WEB], {
    env: { ...inherited, PATH: `${bin}:${process.env['PATH'] ?? ''}`, FLOWMAP_DB: library, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  /** Resolves with the output once the server runs (or the process ended). */
  const running = new Promise<{ stdout: string; stderr: string }>((resolve) => {
    const check = () => {
      if (stdout.includes('Stop with Ctrl+C')) resolve({ stdout, stderr });
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      resolve({ stdout, stderr });
    });
  });
  return { child, library, opened, running, exited };
}

describe('the browser mode (npm run web)', () => {
  it("prints the URL with the token on the library's own port, and opens the browser with a launch URL only", async () => {
    const web = runWeb({});
    const { stdout } = await web.running;
    const [, url = ''] = /running at (\S+)/.exec(stdout) ?? [];
    const printed = new URL(url);
    expect(libraryPorts(web.library)).toContain(Number(printed.port));
    const [, token = ''] = /^#token=([\w-]{32,})&route=\/map\/\w+$/.exec(printed.hash) ?? [];
    expect(token).not.toBe('');

    await expect.poll(() => existsSync(web.opened)).toBe(true);
    const launchUrl = readFileSync(web.opened, 'utf8').trim();
    expect(launchUrl).not.toContain(token);
    const [, code] = /^http:\/\/127\.0\.0\.1:\d+\/#launch=([\w-]{32,})&route=\/map\/\w+$/.exec(launchUrl) ?? [];
    const exchanged = await fetch(`${printed.origin}/launch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(await exchanged.json()).toEqual({ ok: true, value: { token } });

    web.child.kill('SIGTERM');
    expect(await web.exited).toBe(0);
  });

  it('says what is wrong with FLOWMAP_PORT, and when its port is taken', async () => {
    const wrong = runWeb({ FLOWMAP_PORT: 'eighty' });
    expect(await wrong.exited).toBe(1);
    expect((await wrong.running).stderr).toBe(
      'FLOWMAP_PORT must be a port number from 0 to 65535 (0: any free port), not "eighty".\n',
    );

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as { port: number }).port);
      const busy = runWeb({ FLOWMAP_PORT: port, BROWSER: 'none' });
      expect(await busy.exited).toBe(1);
      expect((await busy.running).stderr).toBe(
        `Flowmap cannot listen: Port ${port} is taken by another program. Choose a port with FLOWMAP_PORT.\n`,
      );
    } finally {
      taken.close();
    }
  });
});
