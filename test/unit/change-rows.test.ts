/**
 * What changed between two maps is said the same in the comparison view's list, the reports'
 * tables (PDF, SVG, PNG) and `vsm compare`: each is read back here from what it draws, and all
 * three carry the rows of changeRows.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { comparisonReport } from '../../cli/report';
import { changeSections } from '../../electron/export/captions';
import { ChangesList } from '../../renderer/compare/ChangesList';
import { changeRows } from '../../shared/metrics/change-rows';
import { compareMaps } from '../../shared/metrics/compare';
import type { VsmDocument } from '../../shared/model/schema';
import current from '../../assets/examples/feature-delivery-current.json';
import future from '../../assets/examples/feature-delivery-future.json';
import { validateDocument } from '../../shared/model/validate';

/** One entry as a list says it: its kind, its name and what changed of it (of a wall pair, its delay). */
interface Said {
  kind: string;
  name: string;
  detail: string[];
}

type Lists = Record<'steps' | 'handoffs' | 'walls', Said[]>;

const unescaped = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&');

/** Walls as every list writes them, `Business → Development (3w 2d)`, read as their names and delays. */
const wallsSaid = (kind: string, text: string): Said[] =>
  [...text.matchAll(/(.+?) \(([^)]*)\)(?:, |$)/g)].map(([, name, delay]) => ({ kind, name: name!, detail: [delay!] }));

/** The app's list, read from its markup: each entry's class, its label after `Kind: `, its field lines. */
function fromApp(markup: string): Lists {
  const [steps, handoffs, walls] = [
    ...markup.matchAll(/<ul class="change-group"[^>]*>(.*?)<\/ul><(?:h3|\/section)/g),
  ].map(([, group]) =>
    [
      ...group!.matchAll(/<li class="change (\w+)"><button[^>]*>.*?<\/span>(.*?)<\/button>(?:<ul[^>]*>(.*?)<\/ul>)?/g),
    ].map(([, kind, label, fields]) => ({
      kind: kind!,
      name: unescaped(label!).replace(/^\w+: /, ''),
      detail: [...(fields ?? '').matchAll(/<li>(.*?)<\/li>/g)].map(([, line]) => unescaped(line!)),
    })),
  );
  return { steps: steps!, handoffs: handoffs!, walls: walls!.flatMap(({ kind, name }) => wallsSaid(kind, name)) };
}

/** The reports' tables: a row's mark (`+ added`), its name and, of a changed part, its fields joined by `; `. */
function fromReports(sections: ReturnType<typeof changeSections>): Lists {
  const kindOf = (mark: string) => mark.split(' ').at(-1)!;
  const [steps, handoffs, walls] = sections.map((section) => section.table.rows);
  const part = (rows: string[][]) =>
    rows.map(([mark, name, what]) => ({
      kind: kindOf(mark!),
      name: name!,
      detail: kindOf(mark!) === 'changed' ? what!.split('; ') : [],
    }));
  return {
    steps: part(steps!),
    handoffs: part(handoffs!),
    walls: walls!.map(([mark, name, , delay]) => ({ kind: kindOf(mark!), name: name!, detail: [delay!] })),
  };
}

/** `vsm compare`'s lines: `Added (2): A, B`, `Changed (2):` with `Name: field; field` under it, walls `Removed (1): A → B (3d)`. */
function fromCli(report: string): Lists {
  const lines = report.split('\n');
  const section = (heading: string) => {
    const start = lines.indexOf(heading) + 1;
    const end = lines.indexOf('', start);
    return lines.slice(start, end === -1 ? undefined : end);
  };
  /** `  Added (2): A, B` as its kind and the text after the count (empty for `none`). */
  const listed = (section: string[]) =>
    section.flatMap((line) => {
      const [, word, text] = /^ {2}(\w+) \(\d+\): (.+)$/.exec(line) ?? [];
      return word === undefined || text === 'none' ? [] : [{ kind: word.toLowerCase(), text: text! }];
    });
  const part = (heading: string): Said[] => [
    ...listed(section(heading)).flatMap(({ kind, text }) =>
      text.split(', ').map((name) => ({ kind, name, detail: [] })),
    ),
    ...section(heading)
      .filter((line) => line.startsWith('    '))
      .map((line) => {
        const [, name, fields] = /^ {4}(.*?): (.*)$/.exec(line)!;
        return { kind: 'changed', name: name!, detail: fields!.split('; ') };
      }),
  ];
  const walls = listed(section('Walls of confusion by team pair')).flatMap(({ kind, text }) => wallsSaid(kind, text));
  return { steps: part('Steps'), handoffs: part('Handoffs'), walls };
}

function valid(raw: unknown): VsmDocument {
  const result = validateDocument(raw);
  if (!result.ok) throw new Error('invalid example');
  return result.document;
}

describe('the rows of what changed', () => {
  const before = valid(current);
  const after = valid(future);
  const comparison = compareMaps(before, after);
  const rows = changeRows(before, after, comparison);

  it('are what the app, the reports and vsm compare each list, for the example pair', () => {
    const expected = {
      steps: rows.steps.map((row) => ({ kind: row.kind, name: row.name, detail: row.changes })),
      handoffs: rows.handoffs.map((row) => ({ kind: row.kind, name: row.name, detail: row.changes })),
      walls: rows.walls.map((row) => ({ kind: row.kind, name: row.name, detail: [row.delay] })),
    };
    // The pair has every kind of entry but walls remaining, so that each way of drawing one is read.
    expect(new Set([...rows.steps, ...rows.handoffs].map((row) => row.kind))).toEqual(
      new Set(['added', 'removed', 'changed']),
    );
    expect(expected.steps).toContainEqual({
      kind: 'changed',
      name: 'Code review',
      detail: ['team Development → Product team', 'lead time 2d → 4h', '%C&A 85% → 90%'],
    });
    expect(expected.walls).toContainEqual({ kind: 'added', name: 'Business → Product team', detail: ['3d 4h'] });

    const app = renderToStaticMarkup(
      createElement(ChangesList, { before, after, comparison, onChoose: () => undefined }),
    );
    expect(fromApp(app)).toEqual(expected);
    expect(fromReports(changeSections(before, after, comparison))).toEqual(expected);
    expect(fromCli(comparisonReport(before, after, comparison))).toEqual(expected);
  });
});
