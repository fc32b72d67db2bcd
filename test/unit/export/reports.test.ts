/**
 * The reports read back as a reader would: PDFs through poppler's pdftotext and pdffonts (real
 * files, real fonts), SVGs parsed by resvg, PNGs by their signature and size.
 */
import { Resvg } from '@resvg/resvg-js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportFonts } from '../../../electron/export/fonts';
import { labelledByState } from '../../../electron/export/files';
import {
  exportComparison,
  exportMap,
  reportDate,
  reportFonts,
  SOURCE_FONTS_FOLDER,
} from '../../../electron/export/reports';
import { MARGIN, MIN_MAP_SCALE, TILE_SCALE } from '../../../electron/export/pdf';
import { MAX_PNG_SIDE } from '../../../electron/export/png';
import { SCENE_LAYOUT, TEXT } from '../../../electron/export/scene';
import { COMPARED_METRICS } from '../../../shared/metrics/compare';
import { formatMetric } from '../../../shared/metrics/format';
import type { VsmDocument } from '../../../shared/model/schema';
import { randomMap } from '../../fixtures/random-map';
import { examplePath, map, readJson } from '../helpers';

const folder = mkdtempSync(join(tmpdir(), 'flowmap-export-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const date = new Date('2026-11-26T00:00:00Z');
const load = (name: string) => map(readJson(examplePath(name)) as Record<string, unknown>);
const current = load('feature-delivery-current');
const future = load('feature-delivery-future');

/** The PDF's text as pdftotext reads it (raw order: one word sequence as drawn). */
function pdfText(pdf: Buffer, args: string[] = []): string {
  const path = join(folder, `report-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });
}

function pdfFonts(pdf: Buffer): { name: string; embedded: boolean; subset: boolean }[] {
  const path = join(folder, 'fonts.pdf');
  writeFileSync(path, pdf);
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type encoding… emb sub uni object ID: the flags are the 5th to 3rd columns from the end.
    return { name: columns[0]!, embedded: columns.at(-5) === 'yes', subset: columns.at(-4) === 'yes' };
  });
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ');

describe('the map report (PDF)', async () => {
  const pdf = await exportMap(labelledByState(current), 'pdf', { page: 'A4', landscape: true }, reportFonts(), date);
  const text = squeeze(pdfText(pdf));
  const expected = readJson(examplePath('feature-delivery-current', '.expected.json')) as Record<string, number>;

  it('has every step and team name, the metric values as displayed, the title, state, date and calendar', () => {
    for (const step of current.steps) expect(text).toContain(step.name);
    for (const team of current.teams) expect(text).toContain(team.name);
    for (const name of COMPARED_METRICS) expect(text).toContain(formatMetric(name, expected[name]!, current.calendar));
    expect(text).toContain('12.6%');
    expect(text).toContain('Feature delivery — Current state');
    expect(text).toContain('26 Nov 2026 · Calendar: 8 h a day, 5 days a week');
    expect(text).toContain('Walls of confusion (5, largest delay first)');
    expect(text).toContain('Automate the regression suite in the pipeline');
    expect(text).toContain('Test automation');
  });

  it('embeds and subsets every font, and is a vector report of a few pages', () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: true, subset: true });
    expect(pdf.length).toBeLessThan(100_000);
    const info = execFileSync('pdfinfo', [join(folder, 'fonts.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
  });

  it('gives the same bytes for the same map and day, in Letter and portrait when asked', async () => {
    expect(
      (await exportMap(labelledByState(current), 'pdf', { page: 'A4', landscape: true }, reportFonts(), date)).equals(
        pdf,
      ),
    ).toBe(true);
    const letter = await exportMap(
      labelledByState(current),
      'pdf',
      { page: 'Letter', landscape: false },
      reportFonts(),
      date,
    );
    writeFileSync(join(folder, 'letter.pdf'), letter);
    expect(execFileSync('pdfinfo', [join(folder, 'letter.pdf')], { encoding: 'utf8' })).toMatch(
      /Page size:\s+612 x 792 pts \(letter\)/,
    );
  });
});

describe('a large map', async () => {
  const big = randomMap({ seed: 5, size: 200, reworkShare: 0.05 });
  const pdf = await exportMap(labelledByState(big), 'pdf', { page: 'A4', landscape: true }, reportFonts(), date);
  const pages = pdfText(pdf).split('\f');

  it('is tiled over several pages after an overview, no text on them smaller than the figures, never below 5.5 pt', () => {
    expect(pages[0]).toContain('too large for one page');
    const parts = /it follows in (\d+) parts/.exec(pages[0]!.replace(/\s+/g, ' '));
    const count = Number(parts?.[1]);
    expect(count).toBeGreaterThan(1);
    for (let part = 1; part <= count; part++) {
      expect(pages[part]).toContain(`the map, part ${part} of ${count}`);
    }
    // Word boxes on the tiles: none smaller than the figures (a word's box is about its font size high).
    const path = join(folder, 'big.pdf');
    writeFileSync(path, pdf);
    const boxes = execFileSync('pdftotext', ['-bbox', '-f', '2', '-l', String(count + 1), path, '-'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    // The lane names stand upright in the strip at the left: their boxes measure their length.
    const strip = MARGIN + SCENE_LAYOUT.laneStrip * TILE_SCALE;
    const heights = [...boxes.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)]
      .filter(([, x]) => Number(x) > strip)
      .map(([, , min, max]) => Number(max) - Number(min));
    expect(heights.length).toBeGreaterThan(500);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(MIN_MAP_SCALE * TEXT.figures * 0.97);
  });

  it('makes a PNG no wider than image viewers open', async () => {
    const png = await exportMap(labelledByState(big), 'png', undefined, reportFonts(), date);
    expect(png.readUInt32BE(16)).toBe(MAX_PNG_SIDE);
  });

  it('stays under 1 MB, with every step in its figures', () => {
    expect(pdf.length).toBeLessThan(1_000_000);
    const text = squeeze(pages.join(' '));
    for (const step of big.steps) expect(text).toContain(step.name);
  });
});

const hostile: VsmDocument = map({
  name: 'Hostile <script>alert("x")</script> & co',
  teams: [
    { id: 'rtl', name: 'צוות בדיקות' },
    { id: 'cjk', name: '设计团队' },
  ],
  steps: [
    { id: 'a', name: '<script>alert(1)</script>', team: 'rtl', processTime: '1h' },
    {
      id: 'b',
      name: `Tom & Jerry "quoted" 'single' ${'very long name '.repeat(10)}end`,
      team: 'cjk',
      processTime: '2h',
    },
    { id: 'c', name: '🚀 Launch 👩‍💻 → ≥ € ü é', processTime: '1h' },
    { id: 'd', name: 'مراجعة الكود', team: 'rtl', processTime: '1h' },
    { id: 'e', name: '设计评审', team: 'cjk', processTime: '1h' },
  ],
  handoffs: [
    { from: 'a', to: 'b', waitTime: '1d' },
    { from: 'b', to: 'c' },
    { from: 'c', to: 'd' },
    { from: 'd', to: 'e' },
  ],
});

describe('hostile names', () => {
  it('make valid SVG: escaped, long names shortened with the full name in a tooltip', async () => {
    const svg = (await exportMap(labelledByState(hostile), 'svg', undefined, reportFonts(), date)).toString('utf8');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Tom &amp; Jerry &quot;quoted&quot; &apos;single&apos;');
    expect(svg).toContain(
      `<title>Tom &amp; Jerry &quot;quoted&quot; &apos;single&apos; ${'very long name '.repeat(10)}end</title>`,
    );
    expect(svg).toMatch(/…<\/text>/);
    // resvg parses XML strictly: a bad document throws.
    const rendered = new Resvg(svg).render();
    expect(rendered.width).toBeGreaterThan(500);
  });

  it('make a readable PDF: Latin symbols, Hebrew and Arabic from DejaVu, CJK from the system font', async () => {
    const text = squeeze(pdfText(await exportMap(labelledByState(hostile), 'pdf', undefined, reportFonts(), date)));
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('→ ≥ € ü é');
    expect(text).toContain('设计评审');
    expect(text).toContain('设计团队');
    for (const word of ['צוות', 'בדיקות', 'الكود']) expect(text).toContain(word);
    // Emoji no font here has: a clear □ each, never dropped.
    expect(text).toContain('□ Launch □');
  });

  it('show □ for CJK when no CJK font is on the system, never nothing', async () => {
    const withoutFallback = new ReportFonts(SOURCE_FONTS_FOLDER, '');
    expect(withoutFallback.fallback).toBeUndefined();
    const text = squeeze(pdfText(await exportMap(labelledByState(hostile), 'pdf', undefined, withoutFallback, date)));
    expect(text).toContain('□□□□');
    expect(text).not.toContain('设计评审');
  });
});

describe('pictures and files', () => {
  it('renders the PNG at twice the size of the SVG', async () => {
    const svg = (await exportMap(labelledByState(current), 'svg', undefined, reportFonts(), date)).toString('utf8');
    const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
    const png = await exportMap(labelledByState(current), 'png', undefined, reportFonts(), date);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Math.round(width * 2));
  });

  it('writes vsm/1 JSON and YAML that read back as the same map', async () => {
    const json = JSON.parse((await exportMap(labelledByState(current), 'json')).toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(map(json)).toEqual(current);
    expect((await exportMap(labelledByState(current), 'yaml')).toString('utf8')).toMatch(/^format: vsm\/1/m);
  });
});

describe('the comparison report', () => {
  it('has the metric deltas, the steps added and removed, the walls removed and both maps', async () => {
    const text = squeeze(
      pdfText(
        await exportComparison(
          labelledByState(current),
          labelledByState(future),
          'pdf',
          undefined,
          reportFonts(),
          date,
        ),
      ),
    );
    expect(text).toContain('−77.0%');
    expect(text).toContain('+19.4 pts');
    expect(text).toContain('+ added Automated tests and security scans');
    for (const step of ['Manual regression test', 'Security review', 'Change advisory board'])
      expect(text).toContain(`− removed ${step}`);
    expect(text).toContain('− removed Business → Development 1 3w 2d');
    expect(text).toContain('Before: Feature delivery — Current state');
    expect(text).toContain('After: Feature delivery — Future state');
  });

  it("as a picture: the PDF's map pages (the marks, what is marked on each map in the same words, the legend), its metrics and its tables of changes; valid SVG with ids of its own per map", async () => {
    const [before, after] = [labelledByState(current), labelledByState(future)];
    const svg = (await exportComparison(before, after, 'svg', undefined, reportFonts(), date)).toString('utf8');
    // The words drawn, in order: tooltips left out, entities read back.
    const drawn = squeeze(
      svg
        .replace(/<title>[^<]*<\/title>/g, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
    const pdf = squeeze(
      pdfText(await exportComparison(before, after, 'pdf', undefined, reportFonts(), date), ['-raw']),
    );
    const captions = [...drawn.matchAll(/Marked on this map: .*? remaining/g)].map(([caption]) => caption);
    expect(captions).toEqual([
      'Marked on this map: − removed: 3 steps, 7 handoffs ~ changed: 5 steps, 3 handoffs Walls of confusion: 5 removed, 0 remaining',
      'Marked on this map: + added: 1 step, 3 handoffs ~ changed: 5 steps, 3 handoffs Walls of confusion: 1 added, 0 remaining',
    ]);
    for (const caption of captions) expect(pdf).toContain(caption);
    // A map's legend under each map, as on the PDF's map pages.
    expect(drawn.split('Critical path').length - 1).toBe(2);
    for (const words of [
      'Flow metrics: Current state and Future state',
      'Lead time 11w 4h 2w 2d 6h 15m −8w 2d 5h 45m (−77.0%)',
      'Before: Feature delivery — Current state',
      'After: Feature delivery — Future state',
      'Steps: 1 added, 3 removed, 5 changed',
      '+ added Automated tests and security scans Product team · PT 30m · LT 45m · %C&A 95%',
      'Handoffs: 3 added, 7 removed, 3 changed',
      'Walls of confusion by team pair: 5 removed, 1 added',
    ]) {
      expect(drawn).toContain(words);
      expect(pdf).toContain(words);
    }
    // Each step's mark on its map.
    expect(drawn.split('− removed Manual regression test').length - 1).toBeGreaterThanOrEqual(1);
    const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map(([, id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Resvg(svg).render().width).toBeGreaterThan(900);
  });
});

describe('the date of a report', () => {
  const evening = new Date('2026-11-26T23:59:59Z');
  it('is the day of the export, at midnight UTC', () => {
    expect(reportDate({}, evening).toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('is the day SOURCE_DATE_EPOCH gives, when set: exports across midnight give the same bytes', async () => {
    const epoch = { SOURCE_DATE_EPOCH: String(Date.UTC(2025, 11, 1, 15) / 1000) };
    expect(reportDate(epoch, evening).toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(reportDate(epoch, new Date('2026-11-27T00:00:01Z')).getTime()).toBe(reportDate(epoch, evening).getTime());
    const text = squeeze(
      pdfText(await exportMap(labelledByState(current), 'pdf', undefined, reportFonts(), reportDate(epoch))),
    );
    expect(text).toContain('1 Dec 2025');
  });

  it('ignores a SOURCE_DATE_EPOCH that is not a number of seconds', () => {
    for (const value of ['', 'yesterday', '-5', '1.5e9'])
      expect(reportDate({ SOURCE_DATE_EPOCH: value }, evening).toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });
});
