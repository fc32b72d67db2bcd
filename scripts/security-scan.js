// Electronegativity, Doyensec's scanner of Electron security misconfigurations, over the shell's
// sources and the built page. Prints every finding; exits 1 when any is of HIGH severity.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const folder = mkdtempSync(join(tmpdir(), 'flowmap-scan-'));

// One scan over a copy of the shell's sources and the built page: the scanner asks the network for
// Electron's releases on every run (and waits for the answer that never comes here).
const input = join(folder, 'app');
cpSync(join(root, 'electron'), join(input, 'electron'), { recursive: true });
cpSync(join(root, 'dist/renderer/index.html'), join(input, 'page', 'index.html'));
const report = join(folder, 'report.csv');
try {
  // Electron's version is given: the scanner cannot detect it from a copy.
  execFileSync(process.execPath, [cli, '-i', input, '-r', '-e', electronVersion, '-o', report], { stdio: 'ignore' });
  const findings = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [issue, severity, confidence, file, location] = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''));
      return { issue, severity, confidence, file, location };
    });
  for (const finding of findings) {
    console.log(
      `${finding.severity.padEnd(7)}${finding.issue} (${finding.confidence.toLowerCase()}) ${finding.file}:${finding.location}`,
    );
  }
  const high = findings.filter((finding) => finding.severity === 'HIGH');
  console.log(`Electronegativity: ${findings.length} finding(s), ${high.length} of HIGH severity.`);
  process.exitCode = high.length > 0 ? 1 : 0;
} finally {
  rmSync(folder, { recursive: true, force: true });
}
