// `npm test`: every check in one run (typecheck, lint, the security scan, unit tests, end-to-end
// tests in Chromium), ending with one line "N passed, N failed" over all of them, the line CI reads.
// Typecheck, lint and the scan count as one check each; test suites count their tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'flowmap-test-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Runs a command with its output shown; true when it exits 0. */
function runShown(title, command, args, env = {}) {
  console.log(`\n▶ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const checks = [
  { title: 'typecheck', command: npm, args: ['run', '--silent', 'typecheck'] },
  { title: 'lint', command: npm, args: ['run', '--silent', 'lint'] },
  // The scan reads the built page: the e2e setup builds it, so build first here too.
  { title: 'build', command: process.execPath, args: ['scripts/build.js'] },
  { title: 'security scan (Electronegativity)', command: process.execPath, args: ['scripts/security-scan.js'] },
];

const suites = [
  {
    title: 'unit tests (vitest)',
    command: npx,
    report: join(reports, 'unit.json'),
    args: (report) => ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    count: (json) => ({
      passed: json.numPassedTests,
      failed: json.numFailedTests,
      skipped: json.numPendingTests + json.numTodoTests,
    }),
  },
  {
    title: 'end-to-end tests (Playwright, Chromium)',
    command: npx,
    report: join(reports, 'e2e.json'),
    args: () => ['playwright', 'test'],
    env: (report) => ({ PLAYWRIGHT_JSON_OUTPUT_NAME: report }),
    count: (json) => ({
      passed: json.stats.expected + json.stats.flaky,
      failed: json.stats.unexpected,
      skipped: json.stats.skipped,
    }),
  },
];

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

for (const check of checks) {
  if (runShown(check.title, check.command, check.args)) passed++;
  else {
    failed++;
    failures.push(check.title);
  }
}

for (const suite of suites) {
  const ok = runShown(suite.title, suite.command, suite.args(suite.report), suite.env?.(suite.report));
  if (!existsSync(suite.report)) {
    // The runner died before reporting: count the suite as one failure.
    failed++;
    failures.push(`${suite.title} (no report)`);
    continue;
  }
  const counts = suite.count(JSON.parse(readFileSync(suite.report, 'utf8')));
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  if (!ok && counts.failed === 0) {
    // Exit status says failure but no test failed (e.g. an error outside tests).
    failed++;
    failures.push(`${suite.title} (runner error)`);
  } else if (counts.failed > 0) failures.push(suite.title);
}

rmSync(reports, { recursive: true, force: true });
console.log('');
if (failures.length > 0) console.log(`Failed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
