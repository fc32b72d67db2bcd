#!/usr/bin/env node
// The `vsm` executable: runs the TypeScript command line through tsx, so `npx vsm` works right
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../main.ts');

// A closed pipe (`vsm metrics map.json | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  process.exitCode = await run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (error) {
  process.stderr.write(`vsm: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
