/** PNG: the SVG rasterized at twice its size by resvg (prebuilt binaries, no browser), with the report fonts. */
import { Resvg } from '@resvg/resvg-js';
import type { ReportFonts } from './fonts';

export function svgToPng(svg: string, fonts: ReportFonts): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: {
      fontFiles: [fonts.regular.path, fonts.bold.path, ...(fonts.fallback ? [fonts.fallback.path] : [])],
      loadSystemFonts: false,
      defaultFontFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}
