/**
 * The handout: a map's page as a workshop takes it home. A map that prints legibly is whole on one
 * page with its headline figures and walls; a denser or larger one is tiled, its figures at 5.5 pt or
 * more, and its tiles and overview never cut or cover a step (checked on the geometry the report
 * draws from); the map's state is in the title and in the name of every export. PDFs are read back with poppler's pdftotext and pdfinfo.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../cli/main';
import { dispatch } from '../../../electron/api/handlers';
import { comparisonFileName, exportFileName, labelledByState } from '../../../electron/export/files';
import { intersects, type MapPart, planMap, type PlanOptions, type Rect } from '../../../electron/export/pages';
import { MARGIN, MIN_MAP_SCALE, TILE_SCALE } from '../../../electron/export/pdf';
import { exportMap, reportFonts } from '../../../electron/export/reports';
import { buildScene, SCENE_LAYOUT, SCENE_STEP, type Scene, TEXT } from '../../../electron/export/scene';
import { computeMetrics, type Severity } from '../../../shared/metrics/flow';
import { formatMetric, formatPercent } from '../../../shared/metrics/format';
import { formatDuration } from '../../../shared/model/duration';
import type { VsmDocument } from '../../../shared/model/schema';
import { ZIG_ZAG_15 } from '../../fixtures/present-maps';
import { randomMap } from '../../fixtures/random-map';
import { examplePath, map, readJson } from '../helpers';
import { tempLibrary } from '../store/helpers';

const folder = mkdtempSync(join(tmpdir(), 'flowmap-handout-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const date = new Date('2026-11-26T00:00:00Z');
const load = (name: string) => map(readJson(examplePath(name)) as Record<string, unknown>);
const current = load('feature-delivery-current');
const future = load('feature-delivery-future');

function pdfFile(pdf: Buffer): string {
  const path = join(folder, `report-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

/** Each page's text, in the order it is drawn. */
function pdfPages(pdf: Buffer): string[] {
  return execFileSync('pdftotext', ['-raw', pdfFile(pdf), '-'], { encoding: 'utf8' })
    .split('\f')
    .slice(0, -1)
    .map((page) => page.replace(/\s+/g, ' '));
}

/**
 * A workshop's stream: 15 steps one after the other over 6 teams (the widest map of 15 steps), with
 * handoffs between teams, some waiting, and a rework loop. The wall with the shortest delay is
 * high for its poor quality: worst first is not largest delay first.
 */
function workshopMap(lanes: number[], name: string): VsmDocument {
  const teams = ['Business', 'Design', 'Development', 'Testing', 'Security', 'Operations'].slice(
    0,
    Math.max(...lanes) + 1,
  );
  return map({
    name,
    teams: teams.map((team, i) => ({ id: `t${i}`, name: team })),
    steps: lanes.map((lane, i) => ({
      id: `s${i}`,
      name: `Step ${i + 1} of the stream`,
      team: `t${lane}`,
      processTime: `${i + 1}h`,
      leadTime: `${i + 2}d`,
      // The second step's poor quality makes the short wall before it the worst.
      percentCompleteAccurate: i === 1 ? 50 : 70 + i,
    })),
    handoffs: [
      ...lanes.slice(1).map((_, i) => ({ from: `s${i}`, to: `s${i + 1}`, waitTime: `${i % 4}d` })),
      { from: 's9', to: 's6', rework: 0.2 },
    ],
  });
}
const sixTeams = workshopMap([0, 1, 1, 2, 3, 2, 3, 4, 4, 5, 3, 4, 5, 5, 1], 'Workshop stream');
const twoTeams = workshopMap([0, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1], 'Two teams');

const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };
const WORDS: Record<Severity, string> = { high: 'High', medium: 'Medium', low: 'Low' };

describe('a map of up to 15 steps', () => {
  it.each([
    ['15 steps over 6 teams', 'tiled', sixTeams],
    ['15 steps over 2 teams', 'one page', twoTeams],
    ['the example', 'one page', current],
  ] as const)(
    '%s: its first page has the map (%s) with its headline figures and walls, worst first',
    async (_, kind, document) => {
      const metrics = computeMetrics(document);
      const pages = pdfPages(await exportMap(labelledByState(document), 'pdf', undefined, reportFonts(), date));
      const [mapPage] = pages;
      for (const step of document.steps) expect(mapPage).toContain(step.name);
      if (kind === 'one page') {
        expect(mapPage).not.toContain('too large for one page');
        expect(pages.filter((page) => page.includes('the map, part'))).toEqual([]);
      } else expect(mapPage).toContain('too large for one page');
      expect(pages.find((page) => page.includes('Flow metrics'))).toContain(
        `${document.name} — Current state: figures`,
      );

      for (const name of ['leadTime', 'processTime', 'flowEfficiency', 'rolledCompleteAccurate'] as const) {
        expect(mapPage).toContain(formatMetric(name, metrics[name], document.calendar));
      }
      const worst = [...metrics.walls].sort(
        (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.delay - a.delay,
      );
      expect(worst.length).toBeGreaterThan(2);
      if (document !== current) expect(worst[0]).not.toBe(metrics.walls[0]);
      expect(mapPage).toContain(`Walls of confusion ${metrics.walls.length}`);
      expect(mapPage).toContain(`Worst wall's delay ${formatDuration(worst[0]!.delay, document.calendar)}`);
      const shown = worst.length > 8 ? worst.slice(0, 7) : worst;
      const at = shown.map((wall) => {
        const text = `${WORDS[wall.severity]} · ${formatDuration(wall.delay, document.calendar)} · ${formatPercent(wall.delayShare)} of lead time`;
        expect(mapPage).toContain(text);
        return mapPage!.indexOf(text);
      });
      expect(at).toEqual([...at].sort((a, b) => a - b));
      if (shown.length < worst.length) expect(mapPage).toContain(`and ${worst.length - shown.length} more walls`);
    },
  );

  it('uses the page: a map of few lanes is stacked in bands when that prints it larger, never cutting a step', () => {
    const scene = buildScene(twoTeams, computeMetrics(twoTeams), reportFonts());
    const plan = planMap(scene, planOptions());
    expect(plan.kind).toBe('one page');
    if (plan.kind !== 'one page') return;
    expect(plan.bands.length).toBeGreaterThan(1);
    const { area } = planOptions();
    expect(plan.scale).toBeGreaterThan(1.5 * Math.min(area.width / scene.width, area.height / scene.height));
    expectEachStepInOnePart(scene, plan.bands);
  });
});

describe('a dense map of 15 steps over 6 teams', () => {
  it.each([
    ['the zig-zag over every lane', map(ZIG_ZAG_15)],
    ['a stream over 6 teams', sixTeams],
  ])("%s: prints its figures at 5.5 pt or larger, on tiles after the overview's page", async (_, document) => {
    const pdf = await exportMap(labelledByState(document), 'pdf', undefined, reportFonts(), date);
    const pages = pdfPages(pdf);
    const parts = Number(/it follows in (\d+) parts/.exec(pages[0]!)?.[1]);
    expect(parts).toBeGreaterThan(1);
    const tiles = pages.slice(1, parts + 1).join(' ');
    for (const step of document.steps) {
      expect(tiles).toContain(
        `PT ${formatDuration(step.processTime, document.calendar)} · LT ${formatDuration(step.leadTime, document.calendar)}`,
      );
    }
    // Every word on the tiles right of the lane strip (whose upright names measure their length) is
    // at least the figures' smallest size high: the steps' names, figures and the handoffs' labels.
    const boxes = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', String(parts + 1), pdfFile(pdf), '-'], {
      encoding: 'utf8',
    });
    const strip = MARGIN + SCENE_LAYOUT.laneStrip * TILE_SCALE;
    const heights = [...boxes.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)]
      .filter(([, x, y]) => Number(x) > strip && Number(y) > MARGIN + 14)
      .map(([, , min, max, word]) => ({ word, height: Number(max) - Number(min) }));
    expect(heights.length).toBeGreaterThan(document.steps.length * 8);
    for (const { word, height } of heights)
      expect(height, word).toBeGreaterThanOrEqual(MIN_MAP_SCALE * TEXT.figures * 0.97);
  });
});

/** The page of an A4 landscape report, as mapPages gives it. */
function planOptions(): PlanOptions {
  return {
    area: { width: 841.89 - 2 * MARGIN, height: 360 },
    tileArea: { width: 841.89 - 2 * MARGIN, height: 595.28 - 3 * MARGIN - 22 },
    minScale: MIN_MAP_SCALE,
    tileScale: TILE_SCALE,
    maxScale: 0.75,
    firstTilePage: 2,
    measure: (text, size) => reportFonts().width(text, size, true),
  };
}

const inside = (box: Rect, area: Rect) =>
  box.x >= area.x &&
  box.y >= area.y &&
  box.x + box.width <= area.x + area.width &&
  box.y + box.height <= area.y + area.height;

/** Every step's box lies wholly inside the part of the map of exactly one tile (or band), and in what it draws. */
function expectEachStepInOnePart(scene: Scene, parts: MapPart[]) {
  for (const step of scene.steps) {
    const box = { x: step.x, y: step.y, width: SCENE_STEP.width, height: SCENE_STEP.height };
    const holders = parts.filter((part) => inside(box, part.content));
    expect(holders, `${step.name} at ${step.x}, ${step.y}`).toHaveLength(1);
    const { view } = holders[0]!;
    expect(inside(box, view)).toBe(true);
    // Nor under the lane strip that a part shows at its left when it does not start the map.
    const strip = { x: view.x, y: view.y, width: SCENE_LAYOUT.laneStrip, height: view.height };
    if (view.x > 0) expect(intersects(box, strip)).toBe(false);
  }
}

describe('a larger map, tiled', () => {
  it.each([
    ['40 steps', randomMap({ seed: 4, size: 40, teams: 6 })],
    ['200 steps', randomMap({ seed: 5, size: 200, reworkShare: 0.05 })],
  ])('%s: no tile edge cuts a step, and no page label of the overview covers one', (_, document) => {
    const scene = buildScene(document, computeMetrics(document), reportFonts());
    const plan = planMap(scene, planOptions());
    expect(plan.kind).toBe('tiled');
    if (plan.kind !== 'tiled') return;
    expect(plan.tiles.length).toBeGreaterThan(1);
    expectEachStepInOnePart(scene, plan.tiles);
    for (const tile of plan.tiles) expect(tile.scale).toBe(TILE_SCALE);
    expect(plan.labels).toHaveLength(plan.tiles.length);
    plan.labels.forEach((label, i) => {
      const tile = plan.tiles[i]!.content;
      // In its tile, or above or below the map over the tile's column.
      expect(label.text).toMatch(new RegExp(`^(Page )?${i + 2}$`));
      const outside = label.box.y + label.box.height <= 0 || label.box.y >= scene.height;
      const over = { ...tile, y: label.box.y, height: label.box.height };
      expect(inside(label.box, outside ? over : tile), label.text).toBe(true);
      for (const step of scene.steps) {
        const box = { x: step.x, y: step.y, width: SCENE_STEP.width, height: SCENE_STEP.height };
        expect(intersects(box, label.box), `${label.text} over ${step.name}`).toBe(false);
      }
      for (const other of plan.labels.slice(i + 1)) expect(intersects(label.box, other.box)).toBe(false);
    });
  });

  it('prints its tiles as planned, after an overview page that has the headline figures', async () => {
    const document = randomMap({ seed: 4, size: 40, teams: 6 });
    const pages = pdfPages(await exportMap(labelledByState(document), 'pdf', undefined, reportFonts(), date));
    const parts = Number(/it follows in (\d+) parts/.exec(pages[0]!)?.[1]);
    expect(parts).toBeGreaterThan(1);
    expect(pages[0]).toContain('Walls of confusion, worst first');
    expect(pages[0]).toContain(formatMetric('leadTime', computeMetrics(document).leadTime, document.calendar));
    for (let part = 1; part <= parts; part++) expect(pages[part]).toContain(`the map, part ${part} of ${parts}`);
  });

  it('keeps a step whole even where steps overlap across more than a tile: that tile prints smaller', () => {
    // Steps placed by hand, each overlapping the next: no free place to cut for the length of 30 steps.
    const document = map({
      name: 'Overlapping',
      steps: Array.from({ length: 30 }, (_, i) => ({
        id: `s${i}`,
        name: `Step ${i}`,
        processTime: '1h',
        position: { x: 230 + i * 200, y: 24 },
      })),
    });
    const scene = buildScene(document, computeMetrics(document), reportFonts());
    const plan = planMap(scene, planOptions());
    expect(plan.kind).toBe('tiled');
    if (plan.kind !== 'tiled') return;
    expectEachStepInOnePart(scene, plan.tiles);
    expect(Math.min(...plan.tiles.map((tile) => tile.scale))).toBeLessThan(TILE_SCALE);
  });
});

describe('on narrow paper (Letter, portrait)', () => {
  it("keeps every word of the map's page inside the margins: headline values, walls and legend", async () => {
    const document = randomMap({ seed: 4, size: 40, teams: 6 });
    const pdf = await exportMap(
      labelledByState(document),
      'pdf',
      { page: 'Letter', landscape: false },
      reportFonts(),
      date,
    );
    const boxes = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdfFile(pdf), '-'], { encoding: 'utf8' });
    const words = [...boxes.matchAll(/xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map(
      ([, xMin, xMax, yMax, word]) => ({ xMin: Number(xMin), xMax: Number(xMax), yMax: Number(yMax), word }),
    );
    for (const word of ['Improvement', 'ideas', 'Worst', 'delay']) {
      expect(words.map((box) => box.word)).toContain(word);
    }
    for (const box of words) {
      expect(box.xMin, box.word).toBeGreaterThanOrEqual(MARGIN - 1);
      expect(box.xMax, box.word).toBeLessThanOrEqual(612 - MARGIN + 1);
      expect(box.yMax, box.word).toBeLessThanOrEqual(792 - MARGIN + 3);
    }
  });
});

describe("the map's state", () => {
  it('is in the PDF title and heading, the SVG title and the file names: a current and a future state never share a name', async () => {
    const later = { document: future, label: 'In 3 months' };
    const pdf = await exportMap(later, 'pdf', undefined, reportFonts(), date);
    const info = execFileSync('pdfinfo', [pdfFile(pdf)], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+Feature delivery — In 3 months$/m);
    const [page] = pdfPages(pdf);
    expect(page).toMatch(/^Feature delivery — In 3 months Future state · 26 Nov 2026 · Calendar/);
    const svg = (await exportMap(later, 'svg', undefined, reportFonts(), date)).toString('utf8');
    expect(svg).toContain('<title>Feature delivery — In 3 months</title>');

    const now = labelledByState(current);
    for (const format of ['pdf', 'svg', 'png', 'json', 'yaml'] as const) {
      expect(exportFileName(now, format)).not.toBe(exportFileName(later, format));
    }
    expect(exportFileName(now, 'pdf')).toBe('Feature delivery - Current state.pdf');
    expect(exportFileName(later, 'yaml')).toBe('Feature delivery - In 3 months.vsm.yaml');
    expect(exportFileName({ document: future, label: 'Q3 / 2027: "lean"' }, 'pdf')).toBe(
      'Feature delivery - Q3 2027 lean.pdf',
    );
    expect(comparisonFileName(now, later, 'pdf')).toBe('Feature delivery - Current state to In 3 months.pdf');
  });

  it("is in the title of what vsm export and vsm compare --out write: the document's state", async () => {
    const titleOf = async (...args: string[]) => {
      const out = join(folder, `cli-${Math.random().toString(36).slice(2)}.pdf`);
      const sink = { stdout: () => undefined, stderr: (text: string) => expect.fail(text) };
      expect(await run([...args, '--out', out], sink)).toBe(0);
      return /^Title:\s+(.*)$/m.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))?.[1];
    };
    const [now, later] = ['feature-delivery-current', 'feature-delivery-future'].map((name) => examplePath(name));
    expect(await titleOf('export', later!)).toBe('Feature delivery — Future state');
    expect(await titleOf('compare', now!, later!)).toBe('Feature delivery: Current state → Future state');
  }, 60_000);

  it("names the library's exports by the label of each map", async () => {
    const library = tempLibrary();
    const [first] = library.importFiles([
      { name: 'current.json', text: JSON.stringify(readJson(examplePath('feature-delivery-current'))) },
    ]);
    const later = library.deriveFutureState(first!.id, 'In 3 months');
    const nameOf = async (id: string) => {
      const answer = await dispatch({ library }, 'exportMap', { id, format: 'svg' });
      if (!answer.ok) throw new Error(answer.error.message);
      return (answer.value as { fileName: string }).fileName;
    };
    expect(await nameOf(first!.id)).toBe('Feature delivery - Current state.svg');
    expect(await nameOf(later.id)).toBe('Feature delivery - In 3 months.svg');
    const comparison = await dispatch({ library }, 'exportComparison', {
      beforeId: first!.id,
      afterId: later.id,
      format: 'svg',
    });
    expect(comparison.ok && (comparison.value as { fileName: string }).fileName).toBe(
      'Feature delivery - Current state to In 3 months.svg',
    );
  }, 60_000);
});
