/**
 * The fonts of the reports: DejaVu Sans, shipped in assets/fonts (Latin scripts, Greek, Cyrillic,
 * Hebrew, Arabic, symbols such as → ≥ €), and for what it lacks (CJK) a fallback font found on the
 * system. A character no font has is drawn as □, never dropped. Text is measured with the fonts'
 * own metrics, so that what is wrapped for the PDF fits exactly.
 */
import * as fontkit from 'fontkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What stands for a character no font can draw. */
const MISSING_GLYPH = '□';

type FaceName = 'regular' | 'bold' | 'fallback';

interface Face {
  path: string;
  /** Which font of a collection (.ttc). */
  postscriptName?: string;
  font: fontkit.Font;
}

/** A piece of text drawn with one face. */
interface Run {
  text: string;
  face: FaceName;
}

/** CJK-capable fonts that systems commonly have; the first that exists is used. */
const SYSTEM_FALLBACKS = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/Hiragino Sans GB.ttc',
  '/Library/Fonts/Arial Unicode.ttf',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simsun.ttc',
  'C:\\Windows\\Fonts\\malgun.ttf',
];

function openFace(path: string): Face {
  const opened = fontkit.openSync(path);
  if ('fonts' in opened) {
    const first = opened.fonts[0];
    if (!first) throw new Error(`The font collection ${path} has no fonts.`);
    return { path, postscriptName: first.postscriptName, font: first };
  }
  return { path, font: opened };
}

/** Zero-width characters that join or vary what comes before them: they need no glyph of their own. */
const JOINERS = /^(?:\u200c|\u200d|[\ufe00-\ufe0f])$/u;

/** The code points of a grapheme that need a glyph. */
function drawnCodePoints(grapheme: string): number[] {
  const points: number[] = [];
  for (const char of grapheme) if (!JOINERS.test(char)) points.push(char.codePointAt(0)!);
  return points;
}

export class ReportFonts {
  readonly regular: Face;
  readonly bold: Face;
  readonly fallback: Face | undefined;
  private readonly widths = new Map<string, number>();

  /**
   * `folder` holds DejaVuSans.ttf and DejaVuSans-Bold.ttf. The fallback is `FLOWMAP_FALLBACK_FONT`
   * when set (empty: none), else the first of the usual system fonts that exists.
   */
  constructor(folder: string, fallbackPath = process.env['FLOWMAP_FALLBACK_FONT']) {
    this.regular = openFace(join(folder, 'DejaVuSans.ttf'));
    this.bold = openFace(join(folder, 'DejaVuSans-Bold.ttf'));
    const path = fallbackPath ?? SYSTEM_FALLBACKS.find((candidate) => existsSync(candidate));
    this.fallback = path ? openFace(path) : undefined;
  }

  face(name: FaceName): Face {
    return name === 'fallback' ? this.fallback! : this[name];
  }

  /** The text cut into runs of one face each; a character (grapheme) no face has becomes □. */
  runs(text: string, bold = false): Run[] {
    const main: FaceName = bold ? 'bold' : 'regular';
    const runs: Run[] = [];
    const push = (piece: string, face: FaceName) => {
      const last = runs.at(-1);
      if (last?.face === face) last.text += piece;
      else runs.push({ text: piece, face });
    };
    for (const { segment } of segmenter.segment(text)) {
      const points = drawnCodePoints(segment);
      if (points.every((point) => this.face(main).font.hasGlyphForCodePoint(point) || point < 32)) push(segment, main);
      else if (this.fallback && points.every((point) => this.fallback!.font.hasGlyphForCodePoint(point)))
        push(segment, 'fallback');
      else push(MISSING_GLYPH, main);
    }
    return runs;
  }

  /** The width of a run of one face at a font size, in the same units as the size. */
  runWidth(run: Run, size: number): number {
    const key = `${run.face}\u0000${run.text}`;
    let units = this.widths.get(key);
    if (units === undefined) {
      const { font } = this.face(run.face);
      units = font.layout(run.text).advanceWidth / font.unitsPerEm;
      this.widths.set(key, units);
    }
    return units * size;
  }

  width(text: string, size: number, bold = false): number {
    return this.runs(text, bold).reduce((sum, run) => sum + this.runWidth(run, size), 0);
  }

  /**
   * The text in lines no wider than `maxWidth`, at most `maxLines` of them: broken at spaces (a word
   * too long is broken where it must), the last line shortened with … when text is left over.
   */
  wrap(
    text: string,
    maxWidth: number,
    size: number,
    bold = false,
    maxLines = Infinity,
  ): { lines: string[]; cut: boolean } {
    const lines: string[] = [];
    let line = '';
    // A line's width is its words' and spaces' (each measured once): no font here kerns across a space.
    let lineWidth = 0;
    const space = this.width(' ', size, bold);
    const fits = (candidate: string) => this.width(candidate, size, bold) <= maxWidth;
    const words = text.trim().split(/\s+/u).filter(Boolean);
    // One line past the last kept is enough: it only says that text is left over.
    for (let w = 0; w < words.length && lines.length <= maxLines; w++) {
      let word = words[w]!;
      const wordWidth = this.width(word, size, bold);
      const joinedWidth = line === '' ? wordWidth : lineWidth + space + wordWidth;
      if (joinedWidth <= maxWidth) {
        line = line === '' ? word : `${line} ${word}`;
        lineWidth = joinedWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      // A word wider than the line: broken between graphemes.
      while (!fits(word)) {
        const graphemes = [...segmenter.segment(word)].map((part) => part.segment);
        let cut = 1;
        while (cut < graphemes.length && fits(graphemes.slice(0, cut + 1).join(''))) cut++;
        lines.push(graphemes.slice(0, cut).join(''));
        word = graphemes.slice(cut).join('');
      }
      line = word;
      lineWidth = this.width(word, size, bold);
    }
    if (line !== '') lines.push(line);
    if (lines.length <= maxLines) return { lines, cut: false };
    const kept = lines.slice(0, maxLines);
    // The longest start of the last line and what follows that fits with …, found by halving.
    const graphemes = [...segmenter.segment(`${kept[maxLines - 1]!} ${lines[maxLines]!}`)].map((part) => part.segment);
    let [low, high] = [0, graphemes.length];
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (fits(`${graphemes.slice(0, middle).join('')}…`)) low = middle;
      else high = middle - 1;
    }
    kept[maxLines - 1] = `${graphemes.slice(0, low).join('').trimEnd()}…`;
    return { lines: kept, cut: true };
  }
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
