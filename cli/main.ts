/**
 * The `vsm` command line (spec section 5). `run` takes the arguments and an output sink and
 * returns the exit status: 0 done, 1 invalid input, 2 usage error. Nothing here prints a stack.
 */
import { parseArgs } from 'node:util';
import { compareMaps } from '../shared/metrics/compare';
import { rankIdeas } from '../shared/metrics/ideas';
import { computeMetrics } from '../shared/metrics/flow';
import { EXPORT_FORMATS, type ExportFormat, MAP_REPORTS, type MapReport, PAGE_SIZES } from '../shared/api/types';
import { exportFormatOf, labelledByState, type ReportOptions } from '../electron/export/files';
import { exportComparison, exportMap, exportSummary } from '../electron/export/reports';
import { exportMap as exportLibraryMap, importFiles, listMaps, restoreRevision, showHistory } from './db';
import { visibleText } from '../shared/model/visible-text';
import { loadMap } from './load';
import { EXIT, type Output, UsageError, writeOutFile } from './output';
import { comparisonReport, metricsReport } from './report';

type Flags = Record<string, string | boolean | undefined>;

interface Command {
  usage: string;
  summary: string;
  help: string;
  options: Record<string, { type: 'boolean' | 'string' }>;
  /** How many positional arguments: [min, max], and what they are called in messages. */
  positionals: [number, number, string];
  run(args: string[], flags: Flags, out: Output): Promise<number>;
}

const JSON_OPTION = '  --json       one JSON object instead: durations in minutes, ratios as fractions';
const FORMAT_OPTION = '  --format F   pdf, svg, png, json, yaml or csv (default: by the extension of OUT)';
const REPORT_OPTION = '  --report R   the PDF: map (the map report, default) or summary (the workshop summary)';
const PAGE_HELP =
  '  --page P     PDF page size: A4 (default) or Letter\n  --portrait   PDF pages upright (default: landscape)';
const PAGE_OPTIONS = { page: { type: 'string' }, portrait: { type: 'boolean' } } as const;
const DB_OPTION = '  --db PATH    the library to use (default: $FLOWMAP_DB, else the app\u2019s own library)';

const COMMANDS: Record<string, Command> = {
  validate: {
    usage: 'vsm validate FILE...',
    summary: 'check maps; print "ok" or the errors',
    help: 'Checks each vsm/1 file (JSON or YAML). Prints "ok", or the errors with their field paths on stderr\n(the first 100 of each file, then how many more) and exits with status 1.',
    options: {},
    positionals: [1, Infinity, 'file'],
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
      `Options:\n${JSON_OPTION}`,
    options: { json: { type: 'boolean' } },
    positionals: [1, 1, 'file'],
    async run([file], flags, out) {
      const loaded = await loadMap(file!);
      if (!loaded.ok) return invalid(loaded.errors, out);
      const metrics = computeMetrics(loaded.document);
      out.stdout(
        flags['json']
          ? `${JSON.stringify({ ...metrics, ideas: rankIdeas(loaded.document) }, null, 2)}\n`
          : metricsReport(loaded.document, metrics),
      );
      return EXIT.done;
    },
  },
  export: {
    usage: 'vsm export FILE --out OUT [--format pdf|svg|png|json|yaml|csv] [--report map|summary]',
    summary: 'render the map report or workshop summary (PDF), a picture, a vsm/1 file or the plan (CSV)',
    help:
      'Renders a map: a PDF report (the map on one page with its headline figures and walls, tiled\n' +
      'over pages when its figures would print too small there, then its flow metrics,\n' +
      'timeline ladder, walls of confusion, steps and improvement ideas), an SVG or PNG picture of the\n' +
      "map, or the map as a vsm/1 JSON or YAML file. The report is titled by the map's name and state\n" +
      '("Feature delivery — Current state"). With --report summary the PDF is the workshop summary\n' +
      'instead: the map, the walls worst first, the ideas ranked with their voters, the plan, the\n' +
      'participants and the notes. A .csv is the plan: every idea ranked, with its votes, voters,\n' +
      'status, owner, due date and expected effect. The format follows the extension of OUT unless\n' +
      `--format says otherwise.\n\nOptions:\n  --out OUT    the file to write\n${FORMAT_OPTION}\n${REPORT_OPTION}\n${PAGE_HELP}`,
    options: { out: { type: 'string' }, format: { type: 'string' }, report: { type: 'string' }, ...PAGE_OPTIONS },
    positionals: [1, 1, 'file'],
    async run([file], flags, out) {
      const outFile = stringFlag(flags, 'out');
      if (outFile === undefined) throw new UsageError('"export" needs --out OUT');
      const asked = stringFlag(flags, 'format');
      const format = asked === undefined ? exportFormatOf(outFile) : EXPORT_FORMATS.find((known) => known === asked);
      if (format === undefined) {
        throw new UsageError(
          asked === undefined
            ? `--out ${outFile}: the file name does not say the format; end it in .pdf, .svg, .png, .json, .yaml or .csv, or give --format`
            : `--format ${asked}: use one of ${EXPORT_FORMATS.join(', ')}`,
        );
      }
      const report = mapReport(flags, format);
      const options = reportOptions(flags);
      const loaded = await loadMap(file!);
      if (!loaded.ok) return invalid(loaded.errors, out);
      const map = labelledByState(loaded.document);
      return writeOutFile(
        outFile,
        report === 'summary' ? await exportSummary(map, options) : await exportMap(map, format, options),
        out,
      );
    },
  },
  compare: {
    usage: 'vsm compare BEFORE AFTER [--json] [--out OUT]',
    summary: 'compare two maps (e.g. current and future state)',
    help:
      'Compares two maps: every metric before and after with the change, steps added, removed and\n' +
      'changed (matched by id, then by name), and walls of confusion removed, added and remaining by\n' +
      'team pair. With --out, writes the comparison report instead: the deltas, both maps, then what\n' +
      'changed, as a PDF (.pdf) or a picture (.svg, .png).\n\n' +
      `Options:\n${JSON_OPTION}\n  --out OUT    write the comparison report (.pdf, .svg or .png)\n${PAGE_HELP}`,
    options: { json: { type: 'boolean' }, out: { type: 'string' }, ...PAGE_OPTIONS },
    positionals: [2, 2, 'file'],
    async run([beforeFile, afterFile], flags, out) {
      const outFile = stringFlag(flags, 'out');
      const asked = outFile === undefined ? undefined : exportFormatOf(outFile);
      const format = asked === 'pdf' || asked === 'svg' || asked === 'png' ? asked : undefined;
      if (outFile !== undefined && format === undefined) {
        throw new UsageError(`--out ${outFile}: the comparison report is a .pdf, or a picture: .svg or .png`);
      }
      const options = reportOptions(flags);
      const [before, after] = await Promise.all([loadMap(beforeFile!), loadMap(afterFile!)]);
      if (!before.ok || !after.ok) {
        return invalid([...(before.ok ? [] : before.errors), ...(after.ok ? [] : after.errors)], out);
      }
      if (outFile !== undefined && format !== undefined) {
        return writeOutFile(
          outFile,
          await exportComparison(labelledByState(before.document), labelledByState(after.document), format, options),
          out,
        );
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
  'db list': {
    usage: 'vsm db list [--json] [--db PATH]',
    summary: 'list the maps in the library',
    help: `Lists the maps in the library: id, name, state, steps, lead time, flow efficiency, last change.\n\nOptions:\n  --json       one JSON array instead\n${DB_OPTION}`,
    options: { json: { type: 'boolean' }, db: { type: 'string' } },
    positionals: [0, 0, 'argument'],
    run: (_args, flags, out) => listMaps(stringFlag(flags, 'db'), flags['json'] === true, out),
  },
  'db import': {
    usage: 'vsm db import FILE... [--db PATH]',
    summary: 'add maps to the library, all or none; print their ids',
    help:
      'Adds vsm/1 files (JSON or YAML) to the library, all or none: when one file is invalid, nothing is\n' +
      'added. Maps with the same name become one value stream (its current and future states).\n' +
      `Prints the new maps' ids, one a line.\n\nOptions:\n${DB_OPTION}`,
    options: { db: { type: 'string' } },
    positionals: [1, Infinity, 'file'],
    run: (files, flags, out) => importFiles(stringFlag(flags, 'db'), files, out),
  },
  'db export': {
    usage: 'vsm db export ID --out FILE [--db PATH]',
    summary: 'write a map of the library as a vsm/1 file',
    help:
      'Writes the latest revision of a map as a vsm/1 file: JSON or YAML by the extension of FILE\n' +
      '(.json, .yaml, .yml). ID may be the start of an id, when only one map has it.\n\n' +
      `Options:\n  --out FILE   the file to write\n${DB_OPTION}`,
    options: { out: { type: 'string' }, db: { type: 'string' } },
    positionals: [1, 1, 'id'],
    run: ([id], flags, out) => exportLibraryMap(stringFlag(flags, 'db'), id!, stringFlag(flags, 'out'), out),
  },
  'db history': {
    usage: 'vsm db history ID [--json] [--db PATH]',
    summary: "list a map's revisions, newest first, with what changed",
    help:
      "Lists a map's revisions, newest first: number, time, name (named revisions are never pruned),\n" +
      'the change from the revision kept before it ("+2 steps, \u22121 wall, wait 1d \u2192 2h"), and the\n' +
      'revision it restored, if it was made by restoring one. ID may be the start of an id.\n\n' +
      `Options:\n  --json       one JSON array instead\n${DB_OPTION}`,
    options: { json: { type: 'boolean' }, db: { type: 'string' } },
    positionals: [1, 1, 'id'],
    run: ([id], flags, out) => showHistory(stringFlag(flags, 'db'), id!, flags['json'] === true, out),
  },
  'db restore': {
    usage: 'vsm db restore ID REVISION [--db PATH]',
    summary: "make a past revision of a map its newest; print the new revision's number",
    help:
      'Makes a past revision of a map the newest again, as a new revision: no revision is deleted, so a\n' +
      "restore can itself be undone by restoring the revision before it. Prints the new revision's number.\n" +
      `ID may be the start of an id; "vsm db history ID" lists the revisions.\n\nOptions:\n${DB_OPTION}`,
    options: { db: { type: 'string' } },
    positionals: [2, 2, 'argument'],
    run: ([id, revision], flags, out) => restoreRevision(stringFlag(flags, 'db'), id!, revision!, out),
  },
};

/** The PDF of --report: the map report unless the workshop summary is asked for, which is a PDF. */
function mapReport(flags: Flags, format: ExportFormat): MapReport {
  const asked = stringFlag(flags, 'report') ?? 'map';
  const report = MAP_REPORTS.find((known) => known === asked);
  if (!report) throw new UsageError(`--report ${asked}: use map or summary`);
  if (report === 'summary' && format !== 'pdf') {
    throw new UsageError(`--report summary: the workshop summary is a PDF, not ${format}; write it to a .pdf`);
  }
  return report;
}

/** The PDF page of --page and --portrait. */
function reportOptions(flags: Flags): ReportOptions {
  const page = stringFlag(flags, 'page') ?? 'A4';
  const size = PAGE_SIZES.find((known) => known.toLowerCase() === page.toLowerCase());
  if (!size) throw new UsageError(`--page ${page}: use A4 or Letter`);
  return { page: size, landscape: flags['portrait'] !== true };
}

function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function invalid(errors: readonly string[], out: Output): number {
  out.stderr(`${errors.join('\n')}\n`);
  return EXIT.invalid;
}

const USAGE_COLUMN = 42;

const GENERAL_HELP = `vsm: value stream maps as code (Flowmap)

Usage:
${Object.values(COMMANDS)
  // A usage too long for its column has its summary on the next line, under the others.
  .map(({ usage, summary }) =>
    usage.length < USAGE_COLUMN
      ? `  ${usage.padEnd(USAGE_COLUMN)}${summary}`
      : `  ${usage}\n  ${' '.repeat(USAGE_COLUMN)}${summary}`,
  )
  .join('\n')}

Maps are vsm/1 files in JSON or YAML. Run "vsm COMMAND --help" for a command's details.
Exit status: 0 done, 1 the input is invalid, 2 a usage error.
`;

function usageError(message: string, out: Output, command?: string): number {
  const hint = command ? `vsm ${command} --help` : 'vsm --help';
  out.stderr(`vsm: ${message}\nRun "${hint}" for usage.\n`);
  return EXIT.usage;
}

/** The command named by the first argument (two for `db`), and the arguments after it. */
function resolve(args: readonly string[]): { name: string; rest: string[] } | { unknown: string } {
  const [first = '', second, ...others] = args;
  if (first === 'db') {
    const name = `db ${second ?? ''}`;
    if (second === undefined || !Object.hasOwn(COMMANDS, name)) {
      return {
        unknown:
          second === undefined
            ? 'db needs a command: list, import, export, history or restore'
            : `unknown command "db ${second}"`,
      };
    }
    return { name, rest: others };
  }
  if (!Object.hasOwn(COMMANDS, first)) return { unknown: `unknown command "${first}"` };
  return { name: first, rest: args.slice(1) };
}

/**
 * Runs one `vsm` invocation; `args` excludes the program name. Everything printed goes through
 * {@link visibleText}: names and messages reach the terminal with their control characters escaped.
 */
export async function run(args: readonly string[], sink: Output): Promise<number> {
  const out: Output = {
    stdout: (text) => {
      sink.stdout(visibleText(text));
    },
    stderr: (text) => {
      sink.stderr(visibleText(text));
    },
  };
  const [first, second] = args;
  if (first === undefined) {
    out.stderr(GENERAL_HELP);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? args.slice(1).join(' ') : '';
    out.stdout(Object.hasOwn(COMMANDS, topic) ? helpOf(topic) : GENERAL_HELP);
    return EXIT.done;
  }
  if (first === '--version') {
    out.stdout(`${VERSION}\n`);
    return EXIT.done;
  }
  if (first === 'db' && (second === '--help' || second === '-h')) {
    out.stdout(GENERAL_HELP);
    return EXIT.done;
  }
  const resolved = resolve(args);
  if ('unknown' in resolved) return usageError(resolved.unknown, out);
  const { name, rest } = resolved;
  const command = COMMANDS[name]!;

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error), out, name);
  }
  if (parsed.values.help) {
    out.stdout(helpOf(name));
    return EXIT.done;
  }
  const positionals = parsed.positionals;
  const [min, max, noun] = command.positionals;
  if (positionals.length < min || positionals.length > max) {
    const expected = min === max ? `${min} ${noun}${min === 1 ? '' : 's'}` : `at least ${min} ${noun}`;
    return usageError(`"${name}" takes ${expected}, got ${positionals.length}`, out, name);
  }
  try {
    return await command.run(positionals, parsed.values, out);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message, out, name);
    throw error;
  }
}

function helpOf(name: string): string {
  const command = COMMANDS[name]!;
  return `Usage: ${command.usage}\n\n${command.help}\n`;
}

const VERSION = '0.1.0';
