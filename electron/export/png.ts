/**
 * PNG: the SVG rasterized at twice its size by resvg (prebuilt binaries, no browser), with the
 * report fonts. A very wide map is drawn smaller, so that the picture stays within MAX_PNG_SIDE
 * pixels, which image viewers open.
 */
import { Resvg } from '@resvg/resvg-js';
import type { ReportFonts } from './fonts';

export const MAX_PNG_SIDE = 16_384;

export function svgToPng(svg: string, fonts: ReportFonts): Buffer {
  const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1] ?? 1000);
  const height = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1] ?? 1000);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: Math.min(2, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height) },
    font: {
      fontFiles: [fonts.regular.path, fonts.bold.path, ...(fonts.fallback ? [fonts.fallback.path] : [])],
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
