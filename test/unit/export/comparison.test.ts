/**
 * The before/after report as a facilitator hands it out: the deltas page, both maps one page each,
 * then what changed (steps, handoffs, walls), the sides called by their labels. PDFs are read back with
 * poppler's pdftotext and pdfinfo.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MARGIN } from '../../../electron/export/pdf';
import { exportComparison, reportFonts } from '../../../electron/export/reports';
import { buildScene } from '../../../electron/export/scene';
import { type ChangeMark, changeMarks } from '../../../shared/metrics/change-marks';
import { compareMaps } from '../../../shared/metrics/compare';
import { computeMetrics } from '../../../shared/metrics/flow';
import { CHANGE_SYMBOLS } from '../../../shared/picture/palette';
import type { VsmDocument } from '../../../shared/model/schema';
import { WORKSHOP_12, WORKSHOP_12_FUTURE } from '../../fixtures/workshop-12-pair';
import { examplePath, map, readJson } from '../helpers';

const folder = mkdtempSync(join(tmpdir(), 'flowmap-comparison-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const date = new Date('2026-11-26T00:00:00Z');
const load = (name: string) => map(readJson(examplePath(name)) as Record<string, unknown>);

/** The report of two maps labelled as the library labels them, written to a file. */
async function report(before: Record<string, unknown>, after: Record<string, unknown>) {
  const pdf = await exportComparison(
    { document: map(before), label: 'Current state' },
    { document: map(after), label: 'In 3 months' },
    'pdf',
    undefined,
    reportFonts(),
    date,
  );
  const path = join(folder, `comparison-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ' '));
  return { info, pages, count: Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]) };
}

/** The steps' names as one side's map draws them, marked: wrapped, a long one shortened with …. */
function drawnNames(before: VsmDocument, after: VsmDocument, side: 'before' | 'after'): string[] {
  const document = side === 'before' ? before : after;
  const marks = changeMarks(before, after, compareMaps(before, after))[side];
  return buildScene(document, computeMetrics(document), reportFonts(), marks).steps.map((step) =>
    step.nameLines.join(' '),
  );
}

/** How often a step's mark (`~ changed`; not the caption's `~ changed:` nor a handoff's `− removed · 3d`) is on a page. */
const badges = (page: string, mark: ChangeMark) =>
  page
    .split(`${CHANGE_SYMBOLS[mark]} ${mark}`)
    .slice(1)
    .filter((rest) => !rest.startsWith(':') && !rest.startsWith(' ·')).length;

const raw = (name: string) => readJson(examplePath(name)) as Record<string, unknown>;

describe('the before/after report of the example', async () => {
  const { info, pages, count } = await report(raw('feature-delivery-current'), raw('feature-delivery-future'));
  const [deltas, before, after, ...changes] = pages;
  const changed = changes.join(' ');

  it('is a deltas page, a page for each map, then the changes', () => {
    expect(count).toBe(5);
    // Called as the view calls it (comparisonTitle), on its first page as on the others.
    expect(info).toMatch(/^Title:\s+Feature delivery: Current state → In 3 months$/m);
    expect(deltas).toMatch(/^Feature delivery: Current state → In 3 months/);
    // Each page after the first says the report's labels in its header, with its number.
    pages.slice(1).forEach((page, i) => {
      expect(page).toMatch(new RegExp(`^Feature delivery: Current state → In 3 months · page ${i + 2} `));
    });
    expect(before).toContain(' page 2 Before: Feature delivery — Current state 26 Nov 2026');
    expect(after).toContain(' page 3 After: Feature delivery — In 3 months Future state · 26 Nov 2026');
    expect(changed).toContain(' page 4 What changed: Current state → In 3 months');
    const sides = [load('feature-delivery-current'), load('feature-delivery-future')] as const;
    for (const name of drawnNames(...sides, 'before')) expect(before).toContain(name);
    for (const name of drawnNames(...sides, 'after')) expect(after).toContain(name);
  });

  it("marks each step added, removed or changed on its side's map, and says in words what is marked", () => {
    // Steps: 1 added, 3 removed, 5 changed; each a badge of its symbol and word on the map.
    expect([badges(before!, 'removed'), badges(before!, 'changed'), badges(before!, 'added')]).toEqual([3, 5, 0]);
    expect([badges(after!, 'added'), badges(after!, 'changed'), badges(after!, 'removed')]).toEqual([1, 5, 0]);
    expect(before).toContain(
      'Marked on this map: − removed: 3 steps, 7 handoffs ~ changed: 5 steps, 3 handoffs Walls of confusion: 5 removed, 0 remaining',
    );
    expect(after).toContain(
      'Marked on this map: + added: 1 step, 3 handoffs ~ changed: 5 steps, 3 handoffs Walls of confusion: 1 added, 0 remaining',
    );
  });

  it('leads with the headline changes big, each before → after, then every metric under the labels', () => {
    const tiles = deltas!.slice(0, deltas!.indexOf('Flow metrics: Current state and In 3 months'));
    for (const tile of [
      'Lead time −77.0% 11w 4h → 2w 2d 6h 15m (−8w 2d 5h 45m)',
      'Flow efficiency +19.4 pts 12.6% → 32.0%',
      'Rolled %C&A +48.6 pts',
      'Rework-adjusted lead time',
      'Handoffs −3 8 → 5',
      'Walls of confusion −4 5 → 1',
    ]) {
      expect(tiles).toContain(tile);
    }
    expect(deltas).toContain('Metric Current state In 3 months Change');
    expect(deltas).toContain('Walls of confusion 5 1 −4');
  });

  it('lists the steps added, removed and changed with before → after per field, then the walls', () => {
    expect(changed).toContain('Steps: 1 added, 3 removed, 5 changed');
    expect(changed).toContain('+ added Automated tests and security scans Product team · PT 30m · LT 45m · %C&A 95%');
    expect(changed).toContain('− removed Manual regression test Testing · PT 2d · LT 1w · %C&A 70%');
    expect(changed).toContain('~ changed Capture idea lead time 2d → 1d');
    expect(changed).toContain('~ changed Develop feature team Development → Product team; lead time 2w → 1w');
    expect(changed).toContain('Handoffs: 3 added, 7 removed, 3 changed');
    expect(changed).toContain('+ added Code review → Automated tests and security scans wait time 0m');
    expect(changed).toContain('− removed Code review → Manual regression test wait time 3d · queue 8');
    expect(changed).toContain(
      '− removed Manual regression test → Develop feature (rework) rework probability 30.0% · wait time 1d',
    );
    expect(changed).toContain('~ changed Capture idea → Refine with the team wait time 1w → 2d; queue 40 → 10');
    expect(changed).toContain('Walls of confusion by team pair: 5 removed, 1 added');
    expect(changed).toContain('− removed Business → Development 1 3w 2d');
    expect(changed).toContain('+ added Business → Product team 1 3d 4h');
    // In the order the brief gives: steps added, removed, changed; walls removed, added, remaining.
    const at = [
      '+ added Automated',
      '− removed Manual',
      '~ changed Capture',
      'Handoffs:',
      '+ added Code review →',
      '− removed Code review →',
      '~ changed Capture idea →',
      '− removed Business',
      '+ added Business',
    ];
    const places = at.map((text) => changed.indexOf(text));
    expect(places).toEqual([...places].sort((a, b) => a - b));
  });
});

describe('a pair of 12-step maps', () => {
  it('is at most 6 pages: each map on one page', async () => {
    const { pages, count } = await report(WORKSHOP_12, WORKSHOP_12_FUTURE);
    expect(count).toBeLessThanOrEqual(6);
    expect(pages[1]).toContain(' page 2 Before: Checkout — Current state');
    expect(pages[2]).toContain(' page 3 After: Checkout — In 3 months');
    const sides = [map(WORKSHOP_12), map(WORKSHOP_12_FUTURE)] as const;
    for (const name of drawnNames(...sides, 'before')) expect(pages[1]).toContain(name);
    for (const name of drawnNames(...sides, 'after')) expect(pages[2]).toContain(name);
    expect([badges(pages[1]!, 'removed'), badges(pages[1]!, 'changed'), badges(pages[1]!, 'added')]).toEqual([1, 2, 0]);
    expect([badges(pages[2]!, 'added'), badges(pages[2]!, 'changed'), badges(pages[2]!, 'removed')]).toEqual([1, 2, 0]);
    expect(pages.join(' ')).not.toContain('too large for one page');
    const changed = pages.slice(3).join(' ');
    expect(changed).toContain('~ changed Acceptance team Product → Dev');
    expect(changed).toContain('+ added Pipeline checks');
    expect(changed).toContain('− removed Merge');
    expect(changed).toContain('~ changed Design UI → Write code wait time 1w → 1d');
    expect(changed).toContain('~ changed Acceptance → Release wait time 3d → 4h; queue (none) → 3');
    expect(changed).toContain('~ changed Code review → Write code (rework) rework probability 30.0% → 10.0%');
    expect(changed).toContain('− removed Smoke test → Deploy (rework)');
    expect(changed).toContain('+ added Code review → Pipeline checks wait time 10m');
  });
});

describe('on narrow paper (Letter, portrait)', () => {
  it('keeps the deltas page and what stands under each map inside the margins', async () => {
    const pdf = await exportComparison(
      { document: load('feature-delivery-current'), label: 'Current state' },
      { document: load('feature-delivery-future'), label: 'In 3 months' },
      'pdf',
      { page: 'Letter', landscape: false },
      reportFonts(),
      date,
    );
    const path = join(folder, 'portrait.pdf');
    writeFileSync(path, pdf);
    const words = (page: number) =>
      [
        ...execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-'], {
          encoding: 'utf8',
        }).matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</g),
      ].map(([, xMin, yMin, xMax, word]) => ({ xMin: Number(xMin), yMin: Number(yMin), xMax: Number(xMax), word }));
    const inside = (box: { xMin: number; xMax: number; word?: string }) => {
      expect(box.xMin, box.word).toBeGreaterThanOrEqual(MARGIN - 1);
      expect(box.xMax, box.word).toBeLessThanOrEqual(612 - MARGIN + 1);
    };
    words(1).forEach(inside);
    for (const page of [2, 3]) {
      const all = words(page);
      // The heading, and the marks' line and legend under the map.
      const marked = all.find((box) => box.word === 'Marked')!;
      expect(marked).toBeDefined();
      const foot = all.filter((box) => box.yMin >= marked.yMin - 1);
      expect(foot.map((box) => box.word)).toContain('remaining');
      [...all.slice(0, 12), ...foot].forEach(inside);
    }
  });
});
