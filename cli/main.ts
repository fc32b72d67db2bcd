/**
 * The `vsm` command line (spec section 5). `run` takes the arguments and an output sink and
 * returns the exit status: 0 done, 1 invalid input, 2 usage error. Nothing here prints a stack.
 */
import { parseArgs } from 'node:util';
import { compareMaps } from '../shared/metrics/compare';
import { computeMetrics } from '../shared/metrics/flow';
import { loadMap } from './load';
import { comparisonReport, metricsReport } from './report';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT = { done: 0, invalid: 1, usage: 2 } as const;

interface Command {
  usage: string;
  summary: string;
  help: string;
  options: Record<string, { type: 'boolean' }>;
  /** How many file arguments: [min, max]. */
  files: [number, number];
  run(files: string[], flags: Record<string, boolean | undefined>, out: Output): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  validate: {
    usage: 'vsm validate FILE...',
    summary: 'check maps; print "ok" or every error',
    help: 'Checks each vsm/1 file (JSON or YAML). Prints "ok", or every error with its field path on stderr\nand exits with status 1.',
    options: {},
    files: [1, Infinity],
    async run(files, _flags, out) {
      let status: number = EXIT.done;
      for (const file of files) {
        const loaded = await loadMap(file);
        if (loaded.ok) out.stdout(files.length === 1 ? 'ok\n' : `${file}: ok\n`);
        else {
          out.stderr(`${loaded.errors.join('\n')}\n`);
          status = EXIT.invalid;
        }
      }
      return status;
    },
  },
  metrics: {
    usage: 'vsm metrics FILE [--json]',
    summary: 'flow metrics, critical path, walls of confusion, per-step figures',
    help:
      'Prints the flow metrics of a map: lead time on the critical path, process and wait time, flow\n' +
      'efficiency, rolled %C&A, rework-adjusted lead time, the walls of confusion by delay and each\n' +
      "step's earliest start and slack. Durations print in the map's calendar.\n\n" +
      'Options:\n  --json   one JSON object instead: durations in minutes, ratios as fractions',
    options: { json: { type: 'boolean' } },
    files: [1, 1],
    async run([file], flags, out) {
      const loaded = await loadMap(file!);
      if (!loaded.ok) return invalid(loaded.errors, out);
      const metrics = computeMetrics(loaded.document);
      out.stdout(flags['json'] ? `${JSON.stringify(metrics, null, 2)}\n` : metricsReport(loaded.document, metrics));
      return EXIT.done;
    },
  },
  compare: {
    usage: 'vsm compare BEFORE AFTER [--json]',
    summary: 'compare two maps (e.g. current and future state)',
    help:
      'Compares two maps: every metric before and after with the change, steps added, removed and\n' +
      'changed (matched by id, then by name), and walls of confusion removed, added and remaining by\n' +
      'team pair.\n\n' +
      'Options:\n  --json   one JSON object instead: durations in minutes, ratios as fractions',
    options: { json: { type: 'boolean' } },
    files: [2, 2],
    async run([beforeFile, afterFile], flags, out) {
      const [before, after] = await Promise.all([loadMap(beforeFile!), loadMap(afterFile!)]);
      if (!before.ok || !after.ok) {
        return invalid([...(before.ok ? [] : before.errors), ...(after.ok ? [] : after.errors)], out);
      }
      const comparison = compareMaps(before.document, after.document);
      out.stdout(
        flags['json']
          ? `${JSON.stringify(comparison, null, 2)}\n`
          : comparisonReport(before.document, after.document, comparison),
      );
      return EXIT.done;
    },
  },
};

function invalid(errors: readonly string[], out: Output): number {
  out.stderr(`${errors.join('\n')}\n`);
  return EXIT.invalid;
}

const GENERAL_HELP = `vsm: value stream maps as code (Flowmap)

Usage:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage.padEnd(36)}${command.summary}`)
  .join('\n')}

Maps are vsm/1 files in JSON or YAML. Run "vsm COMMAND --help" for a command's details.
Exit status: 0 done, 1 the input is invalid, 2 a usage error.
`;

function usageError(message: string, out: Output, command?: string): number {
  const hint = command ? `vsm ${command} --help` : 'vsm --help';
  out.stderr(`vsm: ${message}\nRun "${hint}" for usage.\n`);
  return EXIT.usage;
}

/** Runs one `vsm` invocation; `args` excludes the program name. */
export async function run(args: readonly string[], out: Output): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && Object.hasOwn(COMMANDS, topic)) return printHelp(topic, out);
    if (name === undefined) {
      out.stderr(GENERAL_HELP);
      return EXIT.usage;
    }
    out.stdout(GENERAL_HELP);
    return EXIT.done;
  }
  if (name === '--version') {
    out.stdout(`${VERSION}\n`);
    return EXIT.done;
  }
  if (!Object.hasOwn(COMMANDS, name)) return usageError(`unknown command "${name}"`, out);
  const command = COMMANDS[name]!;

  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error), out, name);
  }
  if (parsed.values.help) return printHelp(name, out);
  const files = parsed.positionals;
  const [min, max] = command.files;
  if (files.length < min || files.length > max) {
    const expected = min === max ? `${min} file${min === 1 ? '' : 's'}` : `at least ${min} file`;
    return usageError(`"${name}" takes ${expected}, got ${files.length}`, out, name);
  }
  return command.run(files, parsed.values, out);
}

function printHelp(name: string, out: Output): number {
  const command = COMMANDS[name]!;
  out.stdout(`Usage: ${command.usage}\n\n${command.help}\n`);
  return EXIT.done;
}

const VERSION = '0.1.0';
