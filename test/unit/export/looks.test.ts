/**
 * The reports' looks against reviewed reference images: pages rendered by poppler's pdftoppm (grey,
 * 40 dpi) and compared pixel by pixel within a tolerance. After a deliberate change of the look,
 * `UPDATE_REFERENCES=1 npx vitest run test/unit/export/looks.test.ts` writes new references; open
 * them (pdftoppm -png on the same PDF) and look before committing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exportComparison, exportMap, reportFonts } from '../../../electron/export/reports';
import { labelledByState } from '../../../electron/export/files';
import { examplePath, map, readJson } from '../helpers';

const references = fileURLToPath(new URL('../../fixtures/reference/', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'flowmap-looks-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const date = new Date('2026-11-26T00:00:00Z');
const load = (name: string) => map(readJson(examplePath(name)) as Record<string, unknown>);

interface Grey {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A binary PGM (P5) as pdftoppm writes it. */
function readPgm(bytes: Buffer): Grey {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a PGM file');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: bytes.subarray(whole.length) };
}

function renderPage(pdf: Buffer, page: number): Buffer {
  const path = join(folder, 'page.pdf');
  writeFileSync(path, pdf);
  execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '40',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    path,
    join(folder, 'page'),
  ]);
  return readFileSync(join(folder, 'page.pgm'));
}

function expectLooksLike(pdf: Buffer, page: number, name: string) {
  const rendered = renderPage(pdf, page);
  const reference = join(references, `${name}.pgm`);
  if (process.env['UPDATE_REFERENCES'] === '1' || !existsSync(reference)) {
    if (process.env['CI'] && !existsSync(reference)) throw new Error(`${name}.pgm is missing from the references`);
    writeFileSync(reference, rendered);
  }
  const actual = readPgm(rendered);
  const expected = readPgm(readFileSync(reference));
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  let total = 0;
  let far = 0;
  for (let i = 0; i < expected.pixels.length; i++) {
    const difference = Math.abs(actual.pixels[i]! - expected.pixels[i]!);
    total += difference;
    if (difference > 64) far++;
  }
  // Anti-aliasing may differ by a shade; a moved box or missing text does not stay this small.
  expect(total / expected.pixels.length, `${name}: mean difference`).toBeLessThan(1.5);
  expect(far / expected.pixels.length, `${name}: share of pixels far off`).toBeLessThan(0.002);
}

describe('the reports look as reviewed', () => {
  it('the map page and the figures page of the example', async () => {
    const pdf = await exportMap(
      labelledByState(load('feature-delivery-current')),
      'pdf',
      undefined,
      reportFonts(),
      date,
    );
    expectLooksLike(pdf, 1, 'feature-delivery-map');
    expectLooksLike(pdf, 2, 'feature-delivery-figures');
  });

  it('the first page of the comparison', async () => {
    const pdf = await exportComparison(
      labelledByState(load('feature-delivery-current')),
      labelledByState(load('feature-delivery-future')),
      'pdf',
      undefined,
      reportFonts(),
      date,
    );
    expectLooksLike(pdf, 1, 'feature-delivery-comparison');
  });
});
