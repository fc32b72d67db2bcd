/**
 * What a workshop takes home: the summary PDF (the map, the walls, the ideas ranked with their
 * voters, the plan, the participants and the notes) read back with poppler's pdftotext, and the
 * plan's CSV read back with papaparse.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../cli/main';
import { dispatch } from '../../../electron/api/handlers';
import { exportFileName, labelledByState } from '../../../electron/export/files';
import { PLAN_COLUMNS, planCsv } from '../../../electron/export/plan-csv';
import { exportMap, exportSummary } from '../../../electron/export/reports';
import type { ExportedFile } from '../../../shared/api/types';
import type { VsmDocument } from '../../../shared/model/schema';
import { examplePath, map, readJson } from '../helpers';
import { tempLibrary } from '../store/helpers';

const folder = mkdtempSync(join(tmpdir(), 'flowmap-summary-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const date = new Date('2026-11-26T00:00:00Z');
const example = readJson(examplePath('feature-delivery-current')) as Record<string, unknown>;

/** The example map after its workshop: three participants, their dots, a plan and a parking lot. */
function workshop(extra: Record<string, unknown> = {}): VsmDocument {
  return map({
    ...example,
    notes: 'Parking lot: release train cadence\nWho owns the test environments?',
    participants: [
      { id: 'ana', name: 'Ana Keller' },
      { id: 'ben', name: 'Ben Osei' },
      { id: 'cho', name: 'Cho Min' },
    ],
    ideas: [
      { id: 'i1', text: 'Shift security left: scanning in every build', step: 'secrev', votesBy: { ben: 1 } },
      {
        id: 'i2',
        text: 'Replace the change advisory board with peer review',
        step: 'cab',
        capability: 'streamlining-change-approval',
        votesBy: { ana: 2, ben: 1, cho: 2 },
        status: 'planned',
        owner: 'cho',
        due: '2027-03-31',
        effect: '-1w lead time',
      },
      {
        id: 'i3',
        text: 'Automate the regression suite',
        step: 'test',
        votesBy: { ben: 1, ana: 1 },
        status: 'doing',
        owner: 'ana',
        due: '2027-01-15',
      },
      { id: 'i4', text: 'Drop the weekly status meeting', votesBy: { cho: 1 }, status: 'dropped' },
    ],
    ...extra,
  });
}

function pdfFile(pdf: Buffer): string {
  const path = join(folder, `summary-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

/** Each page's text, its white space made single spaces. */
function pdfPages(pdf: Buffer): string[] {
  return execFileSync('pdftotext', ['-raw', pdfFile(pdf), '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ' '));
}

/** The positions of `parts` in `text`, which must all be there in this order. */
function expectInOrder(text: string, parts: readonly string[]) {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `"${part}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

describe('the workshop summary', () => {
  it('has the map, the walls, the ideas ranked with their voters, the plan, the participants and the notes', async () => {
    const pages = pdfPages(await exportSummary(labelledByState(workshop()), undefined, undefined, date));
    expect(pages[0]).toContain('Workshop summary: Feature delivery — Current state');
    // The map page as the map report draws it: the steps and the headline figures under them.
    expect(pages[0]).toContain('Security review');
    expect(pages[0]).toContain('Lead time');
    const text = pages.slice(1).join(' ');
    expectInOrder(text, [
      // As the map report lists them: the heading says the order the rows are in.
      'Walls of confusion (5, largest delay first)',
      'HIGH 3w 2d',
      'MEDIUM 1w 2d 4h',
      'MEDIUM 1w 1d 7h',
      'MEDIUM 1w 1d',
      'MEDIUM 4d 7h',
      'Ideas ranked by votes (4)',
      '1 Replace the change advisory board with peer review Change advisory board 5 Ana Keller 2, Cho Min 2, Ben Osei 1 planned',
      '2 Automate the regression suite',
      'Ana Keller 1, Ben Osei 1 doing',
      '3 Shift security left',
      'Ben Osei 1 proposed',
      '4 Drop the weekly status meeting',
      'Cho Min 1 dropped',
      'The plan (2 ideas)',
      '1 Replace the change advisory board with peer review Cho Min 31 Mar 2027 planned -1w lead time',
      '2 Automate the regression suite Ana Keller 15 Jan 2027 doing',
      'Participants (3)',
      'Ana Keller 3 1 idea',
      'Ben Osei 3',
      'Cho Min 3 1 idea',
      'Notes (parking lot)',
      'Parking lot: release train cadence Who owns the test environments?',
    ]);
    // Proposed and dropped ideas are not in the plan.
    const plan = text.slice(text.indexOf('The plan'), text.indexOf('Participants ('));
    expect(plan).not.toContain('Shift security left');
    expect(plan).not.toContain('Drop the weekly status meeting');
  }, 60_000);

  it('says what is missing for a map without workshop data', async () => {
    const plain = map({ ...example, ideas: [] });
    const text = pdfPages(await exportSummary(labelledByState(plain), undefined, undefined, date)).join(' ');
    expectInOrder(text, [
      'Ideas ranked by votes (0) No ideas yet.',
      'The plan (0 ideas) No idea is planned yet',
      'Participants (0) No participants recorded.',
      'Notes (parking lot) No notes.',
    ]);
  }, 60_000);

  it('breaks a long plan across pages without cutting a row', async () => {
    const ideas = Array.from({ length: 60 }, (_, i) => ({
      id: `p${i}`,
      text: `Plan item ${i + 1} with a long description that wraps over more than one line of its cell in the table, so that rows are tall`,
      votesBy: { ana: 60 - i },
      status: 'planned',
      owner: 'ana',
      due: '2027-02-01',
      effect: `Effect of item ${i + 1}`,
    }));
    const pdf = await exportSummary(
      labelledByState(workshop({ ideas, participants: [{ id: 'ana', name: 'Ana Keller' }] })),
      undefined,
      undefined,
      date,
    );
    const pages = pdfPages(pdf);
    const planPages = pages.filter((page) => page.includes('Effect of item'));
    expect(planPages.length).toBeGreaterThan(1);
    // Every row whole on one page: its rank, idea, owner, date and effect, on that page only.
    for (let i = 1; i <= 60; i++) {
      const row = new RegExp(
        `(?<!\\d)${i} Plan item ${i} with .*? Ana Keller 1 Feb 2027 planned Effect of item ${i}(?!\\d)`,
      );
      expect(
        planPages.filter((page) => row.test(page.slice(page.indexOf('The plan') + 1))),
        `row ${i}`,
      ).toHaveLength(1);
    }
    // A page the plan goes on to repeats the table's header.
    for (const page of planPages.slice(1)) expect(page).toContain('# Idea Owner Due Status Expected effect');
  }, 60_000);

  it('is reached through the API and the command line, named after the map', async () => {
    const library = tempLibrary();
    const [first] = library.importFiles([{ name: 'current.json', text: JSON.stringify(workshop()) }]);
    const answer = await dispatch({ library }, 'exportMap', { id: first!.id, format: 'pdf', report: 'summary' });
    if (!answer.ok) throw new Error(answer.error.message);
    const file = answer.value as ExportedFile;
    expect(file.fileName).toBe('Feature delivery - Current state - Workshop summary.pdf');
    expect(pdfPages(Buffer.from(file.base64, 'base64')).join(' ')).toContain('The plan (2 ideas)');
    const wrong = await dispatch({ library }, 'exportMap', { id: first!.id, format: 'svg', report: 'summary' });
    expect(wrong.ok || wrong.error.message).toMatch(/format: the workshop summary is a PDF/);

    const source = join(folder, 'workshop.json');
    writeFileSync(source, JSON.stringify(workshop()));
    const out = join(folder, 'cli-summary.pdf');
    const errors: string[] = [];
    const sink = { stdout: () => undefined, stderr: (text: string) => errors.push(text) };
    expect(await run(['export', source, '--out', out, '--report', 'summary'], sink)).toBe(0);
    expect(pdfPages(readFileSync(out)).join(' ')).toContain('Ideas ranked by votes (4)');
    expect(await run(['export', source, '--out', join(folder, 'x.svg'), '--report', 'summary'], sink)).toBe(2);
    expect(errors.join('')).toContain('--report summary: the workshop summary is a PDF, not svg');
    expect(await run(['export', source, '--out', out, '--report', 'plan'], sink)).toBe(2);
    expect(errors.join('')).toContain('--report plan: use map or summary');
  }, 60_000);
});

describe('the plan as CSV', () => {
  const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });

  it('has every idea ranked, with its votes, voters, status, owner, due date and effect', () => {
    const { data, meta, errors } = parse(planCsv(workshop()));
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual([...PLAN_COLUMNS]);
    expect(data.map((row) => [row['rank'], row['idea']])).toEqual([
      ['1', 'Replace the change advisory board with peer review'],
      ['2', 'Automate the regression suite'],
      ['3', 'Shift security left: scanning in every build'],
      ['4', 'Drop the weekly status meeting'],
    ]);
    expect(data[0]).toEqual({
      rank: '1',
      idea: 'Replace the change advisory board with peer review',
      step: 'Change advisory board',
      capability: 'Streamlining change approval',
      votes: '5',
      voters: 'Ana Keller 2, Cho Min 2, Ben Osei 1',
      status: 'planned',
      owner: 'Cho Min',
      due: '2027-03-31',
      // A cell that starts with a minus is text, not a formula.
      effect: "'-1w lead time",
    });
    expect(data[3]).toMatchObject({ step: '', owner: '', due: '', effect: '', status: 'dropped' });
  });

  it('starts with a byte order mark, so a spreadsheet reads its names as UTF-8', () => {
    const csv = planCsv(workshop({ participants: [{ id: 'ana', name: 'Ana Kéller' }], ideas: [] }));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).startsWith('rank,idea,')).toBe(true);
  });

  it('reads back as written: commas, quotes and line breaks', () => {
    const text = 'Split "big" releases, then\nship weekly; 50% less, "yes"';
    const { data } = parse(planCsv(workshop({ ideas: [{ id: 'x', text, effect: 'fewer, smaller\r\nbatches' }] })));
    expect(data).toHaveLength(1);
    expect(data[0]!['idea']).toBe(text);
    expect(data[0]!['effect']).toBe('fewer, smaller\r\nbatches');
  });

  it('makes every cell that would start a formula text (CSV injection)', () => {
    const attacks = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=1\nsecond line'];
    const ideas = attacks.map((text, i) => ({ id: `a${i}`, text, votes: attacks.length - i }));
    const participants = [{ id: 'eve', name: '=cmd|calc' }];
    const { data } = parse(
      planCsv(workshop({ ideas: [...ideas, { id: 'own', text: 'Owned', owner: 'eve' }], participants })),
    );
    expect(data.map((row) => row['idea'])).toEqual([...attacks.map((attack) => `'${attack}`), 'Owned']);
    expect(data.at(-1)!['owner']).toBe("'=cmd|calc");
  });

  it('is reached through the API and the command line as a .csv', async () => {
    const library = tempLibrary();
    const [first] = library.importFiles([{ name: 'current.json', text: JSON.stringify(workshop()) }]);
    const answer = await dispatch({ library }, 'exportMap', { id: first!.id, format: 'csv' });
    if (!answer.ok) throw new Error(answer.error.message);
    const file = answer.value as ExportedFile;
    expect(file.fileName).toBe('Feature delivery - Current state - Plan.csv');
    expect(file.mimeType).toBe('text/csv');
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe(planCsv(workshop()));
    expect(exportFileName(labelledByState(workshop()), 'csv')).toBe('Feature delivery - Current state - Plan.csv');

    const source = join(folder, 'plan-source.json');
    writeFileSync(source, JSON.stringify(workshop()));
    const out = join(folder, 'plan.csv');
    const sink = { stdout: () => undefined, stderr: (text: string) => expect.fail(text) };
    expect(await run(['export', source, '--out', out], sink)).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe((await exportMap(labelledByState(workshop()), 'csv')).toString('utf8'));
  }, 60_000);
});
