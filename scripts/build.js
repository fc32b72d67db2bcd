// Builds what the app runs: the window (Vite, into dist/renderer) and the desktop shell's main
// process and preload script (esbuild, into dist/electron). `npm run build` builds everything;
// `npm start` builds only what is older than its sources.
import { build as esbuild } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(root, path);

/** The newest modification time of the files under `paths`. */
function newest(paths) {
  let time = 0;
  for (const path of paths) {
    const info = statSync(at(path), { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isDirectory()) {
      time = Math.max(time, newest(readdirSync(at(path)).map((name) => join(path, name))));
    } else time = Math.max(time, info.mtimeMs);
  }
  return time;
}

function stale(output, sources) {
  const built = statSync(at(output), { throwIfNoEntry: false });
  return !built || built.mtimeMs < newest(sources);
}

const TARGETS = [
  {
    name: 'window',
    output: 'dist/renderer/index.html',
    sources: ['renderer', 'shared', 'vite.config.ts', 'package-lock.json', 'scripts/build.js'],
    build: () => viteBuild({ configFile: at('vite.config.ts'), logLevel: 'warn' }),
  },
  {
    name: 'desktop shell',
    output: 'dist/electron/main.js',
    sources: ['electron', 'shared', 'package-lock.json', 'scripts/build.js'],
    build: () =>
      Promise.all([
        esbuild({
          // The reports' worker thread is a file of its own beside the main process's bundle.
          entryPoints: { main: at('electron/main/main.ts'), 'report-worker': at('electron/export/report-worker.ts') },
          outdir: at('dist/electron'),
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node22',
          // Native and Electron's own modules load at run time, not from the bundle; so do pdfkit and
          // fontkit, which read their data files beside their code.
          external: ['electron', 'better-sqlite3', '@resvg/resvg-js', 'pdfkit', 'fontkit'],
          // Bundled CommonJS packages (yaml) require Node's built-ins, which an ES module can only
          // do through a require of its own.
          banner: {
            js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          },
          logLevel: 'warning',
        }),
        esbuild({
          entryPoints: [at('electron/preload/preload.ts')],
          outfile: at('dist/electron/preload.cjs'),
          bundle: true,
          platform: 'node',
          format: 'cjs',
          target: 'node22',
          external: ['electron'],
          logLevel: 'warning',
        }),
      ]),
  },
];

/** Builds every target, or with `onlyStale` those older than their sources. */
export async function buildApp({ onlyStale = false } = {}) {
  for (const target of TARGETS) {
    if (onlyStale && !stale(target.output, target.sources)) continue;
    const started = Date.now();
    await target.build();
    console.log(`Built the ${target.name} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildApp();
