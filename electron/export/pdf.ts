/**
 * The PDF reports, drawn with pdfkit: vector shapes and real text in DejaVu Sans (embedded, subset),
 * with a system CJK font for what DejaVu lacks. A map is drawn from the same scene as the SVG; when
 * its figures would print smaller than 5.5 pt, it is tiled over several pages after an overview page.
 * The figures follow: flow metrics, the timeline ladder, walls of confusion, team pairs, steps and
 * improvement ideas. The before/after report puts the deltas first, then both maps with their change
 * marks, then what changed.
 */
import PDFDocument from 'pdfkit';
import type { PageSize } from '../../shared/api/types';
import { changeMarks, type SideMarks } from '../../shared/metrics/change-marks';
import type { Comparison } from '../../shared/metrics/compare';
import type { FlowMetrics } from '../../shared/metrics/flow';
import { ladderRungs } from '../../shared/metrics/ladder';
import {
  criticalPathNames,
  type DeltaFigure,
  deltaFigures,
  metricDeltasTable,
  metricsTable,
  plural,
  stepsTable,
  type Table,
  teamPairsTable,
  wallsTable,
} from '../../shared/metrics/tables';
import { participantsTable, planRows, planTable, rankedIdeasTable } from '../../shared/metrics/plan';
import { ACCELERATE_CAPABILITIES } from '../../shared/model/capabilities';
import { formatDuration } from '../../shared/model/duration';
import type { VsmDocument } from '../../shared/model/schema';
import {
  CHANGE_COLOURS,
  CHANGE_SYMBOLS,
  CRITICAL_COLOUR,
  HANDOFF_COLOUR,
  REWORK_COLOUR,
  SEVERITY_COLOURS,
  SEVERITY_LETTERS,
} from '../../shared/picture/palette';
import type { ReportFonts } from './fonts';
import { buildScene, type Point, type Scene, SCENE_LAYOUT, SCENE_STEP, TEXT } from './scene';
import type { Rect } from './pages';
import { headlineFigures } from '../../shared/metrics/headline';
import {
  type ChangeTableSection,
  changeSections,
  comparisonHeading,
  headingOf,
  LEGEND_ITEMS,
  placeMarksCaption,
  type ReportHeading,
  wallLines,
} from './captions';
import type { LabelledMap } from './files';
import { BAND_GAP, planMap } from './pages';

export interface PdfOptions {
  page: PageSize;
  landscape: boolean;
  /** The report's date, also the file's creation date: the same inputs and date give the same bytes. */
  date: Date;
}

/**
 * A map never prints smaller than this, its figures at 5.5 pt (DejaVu Sans's large x-height reads
 * like 6.5 pt of a book face); below it, it is tiled.
 */
export const MIN_MAP_SCALE = 5.5 / TEXT.figures;
/** Tiles print a little larger than the smallest scale. */
export const TILE_SCALE = 6 / TEXT.figures;
export const MARGIN = 28;
const INK = '#1d2329';
const MUTED = '#56606b';
const LINE = '#c9d1d9';

class Report {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  /** Where the next block goes on the current page. */
  y = MARGIN;
  pages = 0;
  /** When set, every page after the first says it in its top margin, with the page's number. */
  pageHeader: string | undefined;

  constructor(
    readonly fonts: ReportFonts,
    options: PdfOptions,
    title: string,
  ) {
    this.doc = new PDFDocument({
      size: options.page === 'A4' ? 'A4' : 'LETTER',
      layout: options.landscape ? 'landscape' : 'portrait',
      margin: MARGIN,
      autoFirstPage: false,
      info: { Title: title, Creator: 'Flowmap', Producer: 'Flowmap', CreationDate: options.date },
      displayTitle: true,
      lang: 'en',
    });
    this.doc.registerFont('regular', fonts.regular.path);
    this.doc.registerFont('bold', fonts.bold.path);
    if (fonts.fallback) {
      const { path, postscriptName } = fonts.fallback;
      if (postscriptName === undefined) this.doc.registerFont('fallback', path);
      else this.doc.registerFont('fallback', path, postscriptName);
    }
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => {
        resolve(Buffer.concat(this.chunks));
      });
      this.doc.on('error', reject);
    });
  }

  get width() {
    return this.doc.page.width - 2 * MARGIN;
  }

  get bottom() {
    return this.doc.page.height - MARGIN;
  }

  newPage() {
    this.doc.addPage();
    this.pages++;
    this.y = MARGIN;
    if (this.pageHeader !== undefined && this.pages > 1) {
      this.text(`${this.pageHeader} · page ${this.pages}`, MARGIN + this.width, MARGIN - 10, 8, {
        colour: MUTED,
        align: 'right',
      });
    }
  }

  /** Starts a new page unless `height` fits below what is there. */
  room(height: number) {
    if (this.y + height > this.bottom) this.newPage();
  }

  /** One line of text, its baseline at y; runs in the fonts that have their characters. */
  text(
    text: string,
    x: number,
    y: number,
    size: number,
    options: { bold?: boolean; colour?: string; align?: 'left' | 'center' | 'right' } = {},
  ) {
    const runs = this.fonts.runs(text, options.bold);
    const width = runs.reduce((sum, run) => sum + this.fonts.runWidth(run, size), 0);
    let left = options.align === 'center' ? x - width / 2 : options.align === 'right' ? x - width : x;
    this.doc.fillColor(options.colour ?? INK);
    for (const run of runs) {
      this.doc.font(run.face).fontSize(size);
      this.doc.text(run.text, left, y, { lineBreak: false, baseline: 'alphabetic' });
      left += this.fonts.runWidth(run, size);
    }
  }

  /** A paragraph across the page, wrapped, moving down. */
  paragraph(text: string, size = 10, options: { bold?: boolean; colour?: string; gap?: number } = {}) {
    const { lines } = this.fonts.wrap(text, this.width, size, options.bold);
    for (const line of lines) {
      this.room(size * 1.35);
      this.text(line, MARGIN, this.y + size, size, options);
      this.y += size * 1.35;
    }
    this.y += options.gap ?? 4;
  }

  heading(text: string) {
    this.room(60);
    this.y += 8;
    this.text(text, MARGIN, this.y + 14, 14, { bold: true });
    this.y += 24;
  }

  /** The title at 20 pt, smaller when that is too wide for the page (a comparison's on portrait paper). */
  pageHeading(heading: ReportHeading) {
    const size = Math.max(12, Math.min(20, (20 * this.width) / this.fonts.width(heading.title, 20, true)));
    this.text(heading.title, MARGIN, this.y + 20, size, { bold: true });
    this.y += 30;
    this.text(heading.subtitle, MARGIN, this.y + 10, 10, { colour: MUTED });
    this.y += 22;
  }

  /** A table across the page (or `width`), wrapping long cells, repeating its header on a new page. */
  table({ columns, rows }: Table, width = this.width) {
    const size = 9;
    const padding = 4;
    const natural = columns.map(
      (column, i) =>
        Math.max(
          this.fonts.width(column.header, size, true),
          ...rows.map((row) => this.fonts.width(row[i] ?? '', size)),
        ) +
        2 * padding,
    );
    const widths = [...natural];
    // Too wide: the widest left-aligned columns give way, and their cells wrap.
    while (widths.reduce((sum, w) => sum + w, 0) > width) {
      const excess = widths.reduce((sum, w) => sum + w, 0) - width;
      const widest = widths.reduce((best, w, i) => (columns[i]!.align !== 'right' && w > widths[best]! ? i : best), 0);
      const others = widths.filter((_, i) => i !== widest && columns[i]!.align !== 'right');
      const floor = Math.max(60, ...others);
      const next = Math.max(60, widths[widest]! - excess, widths[widest]! > floor ? floor : 60);
      if (next >= widths[widest]!) break;
      widths[widest] = next;
    }
    const lines = (row: readonly string[], bold: boolean) =>
      row.map((cell, i) => this.fonts.wrap(cell, widths[i]! - 2 * padding, size, bold).lines);
    const drawRow = (cells: string[][], bold: boolean) => {
      const height = Math.max(1, ...cells.map((cell) => cell.length)) * size * 1.3 + 2 * padding;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const right = columns[i]!.align === 'right';
        cell.forEach((line, n) => {
          this.text(
            line,
            right ? x + widths[i]! - padding : x + padding,
            this.y + padding + size * (1 + n * 1.3) - 1.5,
            size,
            {
              bold,
              align: right ? 'right' : 'left',
            },
          );
        });
        x += widths[i]!;
      });
      this.y += height;
      this.doc
        .moveTo(MARGIN, this.y)
        .lineTo(MARGIN + widths.reduce((sum, w) => sum + w, 0), this.y)
        .lineWidth(0.5)
        .stroke(LINE);
      return height;
    };
    const header = lines(
      columns.map((column) => column.header),
      true,
    );
    const headerHeight = Math.max(...header.map((cell) => cell.length)) * size * 1.3 + 2 * padding;
    this.room(headerHeight * 2);
    drawRow(header, true);
    for (const row of rows) {
      const cells = lines(row, false);
      const height = Math.max(1, ...cells.map((cell) => cell.length)) * size * 1.3 + 2 * padding;
      if (this.y + height > this.bottom) {
        this.newPage();
        drawRow(header, true);
      }
      drawRow(cells, false);
    }
    this.y += 10;
  }

  /** The scene, `scale` points per map unit, its point (left, top) at (x, y) on the page; only what is inside `view` (map units). */
  scene(scene: Scene, x: number, y: number, scale: number, view: Rect) {
    const { doc } = this;
    doc.save();
    doc.rect(x, y, view.width * scale, view.height * scale).clip();
    doc.translate(x - view.x * scale, y - view.y * scale).scale(scale);
    const visible = (box: Rect) =>
      box.x < view.x + view.width &&
      box.x + box.width > view.x &&
      box.y < view.y + view.height &&
      box.y + box.height > view.y;

    for (const lane of scene.lanes) {
      if (!visible({ x: 0, y: lane.y, width: scene.width, height: lane.height })) continue;
      doc.rect(0, lane.y, scene.width, lane.height).fillOpacity(0.18).fill(lane.colour).fillOpacity(1);
      doc.rect(0, lane.y, 6, lane.height).fill(lane.colour);
      doc
        .moveTo(0, lane.y + lane.height)
        .lineTo(scene.width, lane.y + lane.height)
        .lineWidth(1)
        .stroke('#d5dbe1');
    }
    for (const handoff of scene.handoffs) {
      const xs = handoff.points.map(([px]) => px);
      const ys = handoff.points.map(([, py]) => py);
      const box = {
        x: Math.min(...xs) - 60,
        y: Math.min(...ys) - 40,
        width: Math.max(...xs) - Math.min(...xs) + 120,
        height: Math.max(...ys) - Math.min(...ys) + 80,
      };
      if (!visible(box)) continue;
      doc.lineWidth(handoff.width).strokeColor(handoff.colour);
      if (handoff.dashed) doc.dash(7, { space: 5 });
      handoff.points.forEach(([px, py], i) => (i === 0 ? doc.moveTo(px, py) : doc.lineTo(px, py)));
      doc.stroke();
      if (handoff.dashed) doc.undash();
      arrowHead(doc, handoff.points, handoff.colour);
      const [lx, ly] = handoff.labelAt;
      handoff.label.forEach((line, i) => {
        const baseline = ly + (i - (handoff.label.length - 1) / 2) * TEXT.label * 1.1 + TEXT.label * 0.35;
        const width = this.fonts.width(line, TEXT.label);
        doc
          .rect(lx - width / 2 - 2, baseline - TEXT.label * 0.8, width + 4, TEXT.label * 1.05)
          .fillOpacity(0.85)
          .fill('#ffffff')
          .fillOpacity(1);
        this.text(line, lx, baseline, TEXT.label, { align: 'center', colour: handoff.labelColour });
      });
      if (handoff.wall) {
        const { at, colour, text, width, struck } = handoff.wall;
        const [wx, wy] = at;
        doc
          .roundedRect(wx - width / 2, wy - 11, width, 22, 4)
          .lineWidth(2)
          .fillAndStroke(colour, '#ffffff');
        this.text(text, wx, wy + TEXT.marker * 0.35, TEXT.marker, { bold: true, colour: '#ffffff', align: 'center' });
        if (struck) {
          doc
            .moveTo(wx - width / 2 - 6, wy + 14)
            .lineTo(wx + width / 2 + 6, wy - 14)
            .lineWidth(3)
            .lineCap('round')
            .stroke(INK)
            .lineCap('butt');
        }
      }
    }

    const { width, height } = SCENE_STEP;
    const pad = SCENE_LAYOUT.stepPadding;
    for (const step of scene.steps) {
      if (!visible({ x: step.x - 10, y: step.y - 12, width: width + 20, height: height + 24 })) continue;
      doc
        .roundedRect(step.x, step.y, width, height, 6)
        .lineWidth(step.critical ? 3 : 1)
        .fillAndStroke('#ffffff', step.critical ? INK : '#9aa5b1');
      doc.rect(step.x, step.y, 8, height).fill(step.colour);
      step.nameLines.forEach((line, i) => {
        this.text(line, step.x + 8 + pad, step.y + pad + TEXT.stepName * (0.85 + i * 1.15), TEXT.stepName, {
          bold: true,
        });
      });
      step.figures.forEach((line, i) => {
        this.text(
          line,
          step.x + 8 + pad,
          step.y + height - pad - TEXT.figures * (0.3 + (step.figures.length - 1 - i) * 1.25),
          TEXT.figures,
        );
      });
      if (step.mark) {
        const { colour, badge, badgeWidth } = step.mark;
        doc
          .roundedRect(step.x - 5, step.y - 5, width + 10, height + 10, 10)
          .lineWidth(4)
          .stroke(colour);
        doc.roundedRect(step.x - 5, step.y - 14, badgeWidth, 24, 12).fill(colour);
        this.text(badge, step.x - 5 + badgeWidth / 2, step.y - 2 + TEXT.badge * 0.35, TEXT.badge, {
          bold: true,
          colour: '#ffffff',
          align: 'center',
        });
      }
      if (step.ideaBadge) {
        doc
          .roundedRect(step.x + width - 44, step.y - 11, 56, 24, 12)
          .lineWidth(2)
          .fillAndStroke('#ffd166', '#b8860b');
        this.text(step.ideaBadge.text, step.x + width - 16, step.y + 6, TEXT.badge, { bold: true, align: 'center' });
      }
    }
    // The lane names stay at the left edge of what is shown, over what passes under them, so every
    // tile and band says which lane is which.
    const stripX = view.x;
    for (const lane of scene.lanes) {
      if (!visible({ x: 0, y: lane.y, width: scene.width, height: lane.height })) continue;
      if (stripX > 0) {
        // The lane's own tint, opaque: what passes under the strip does not show through its name.
        doc.rect(stripX, lane.y, SCENE_LAYOUT.laneStrip, lane.height).fill('#ffffff');
        doc
          .rect(stripX, lane.y, SCENE_LAYOUT.laneStrip, lane.height)
          .fillOpacity(0.18)
          .fill(lane.colour)
          .fillOpacity(1);
        doc.rect(stripX, lane.y, 6, lane.height).fill(lane.colour);
      }
      doc.save();
      doc.translate(stripX + SCENE_LAYOUT.laneStrip / 2 + 4, lane.y + lane.height / 2).rotate(-90);
      lane.nameLines.forEach((line, i) => {
        this.text(
          line,
          0,
          (i - (lane.nameLines.length - 1) / 2) * lane.nameSize * 1.1 + lane.nameSize * 0.35,
          lane.nameSize,
          {
            bold: true,
            align: 'center',
          },
        );
      });
      doc.restore();
    }
    doc.restore();
  }

  private legendItemWidth(text: string) {
    return 22 + this.fonts.width(text, 8) + 14;
  }

  /** The room the legend takes at the foot of the page: one line, or two when the page is narrow. */
  get legendHeight() {
    const oneLine = LEGEND_ITEMS.reduce((sum, item) => sum + this.legendItemWidth(item.text), 0) - 14 <= this.width;
    return oneLine ? 24 : 36;
  }

  /** The legend at the foot of the page. */
  legend() {
    const size = 8;
    const widthOf = (text: string) => this.legendItemWidth(text);
    let y = this.bottom - this.legendHeight + 14;
    let x = MARGIN;
    const { doc } = this;
    for (const item of LEGEND_ITEMS) {
      if (x + widthOf(item.text) - 14 > MARGIN + this.width) {
        x = MARGIN;
        y += 12;
      }
      if (item.kind === 'critical' || item.kind === 'handoff' || item.kind === 'rework') {
        const colour =
          item.kind === 'critical' ? CRITICAL_COLOUR : item.kind === 'rework' ? REWORK_COLOUR : HANDOFF_COLOUR;
        if (item.kind === 'rework') doc.dash(3.5, { space: 2.5 });
        doc
          .moveTo(x, y - 3)
          .lineTo(x + 18, y - 3)
          .lineWidth(item.kind === 'critical' ? 1.5 : 0.75)
          .stroke(colour);
        if (item.kind === 'rework') doc.undash();
      } else if (item.kind === 'idea') {
        doc
          .roundedRect(x, y - 8, 18, 10, 5)
          .lineWidth(1)
          .fillAndStroke('#ffd166', '#b8860b');
        this.text('✸', x + 9, y - 0.5, 7, { bold: true, align: 'center' });
      } else {
        doc.roundedRect(x + 1.5, y - 7.5, 15, 9, 2).fill(SEVERITY_COLOURS[item.kind]);
        this.text(SEVERITY_LETTERS[item.kind], x + 9, y - 0.5, 6.5, { bold: true, colour: '#ffffff', align: 'center' });
      }
      this.text(item.text, x + 22, y, size);
      x += widthOf(item.text);
    }
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

/** A filled arrowhead at the end of a path, along its last segment. */
function arrowHead(doc: PDFKit.PDFDocument, points: Point[], colour: string) {
  const [x1, y1] = points.at(-2)!;
  const [x2, y2] = points.at(-1)!;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const size = 8;
  const side = (turn: number): Point => [x2 - size * Math.cos(angle + turn), y2 - size * Math.sin(angle + turn)];
  const [ax, ay] = side(0.45);
  const [bx, by] = side(-0.45);
  doc.moveTo(x2, y2).lineTo(ax, ay).lineTo(bx, by).closePath().fill(colour);
}

/**
 * In the before/after report, a map of this many steps or fewer prints on one page however small:
 * its changes are listed after it, each with its figures before and after.
 */
export const ONE_PAGE_STEPS = 15;
/** Walls listed on the map's page, in two columns; the figures pages list them all. */
const WALLS_ON_MAP_PAGE = 8;
const FIGURE_TILES_HEIGHT = 30;
const WALL_LINE = 10.5;

/** The walls' list is in two columns when there are more than three walls and the page is wide. */
const wallColumns = (walls: number, width: number) => (walls <= 3 || width < 700 ? 1 : 2);

function wallRows(walls: number, width: number): number {
  return Math.ceil(Math.min(walls, WALLS_ON_MAP_PAGE) / wallColumns(walls, width));
}

/** The height of the headline figures and walls under the map. */
function headlineHeight(metrics: FlowMetrics, width: number): number {
  return FIGURE_TILES_HEIGHT + 8 + 13 + Math.max(1, wallRows(metrics.walls.length, width)) * WALL_LINE;
}

/** The headline figures in a row of tiles, then the walls worst first, from `report.y` down. */
function headline(report: Report, document: VsmDocument, metrics: FlowMetrics) {
  const { doc } = report;
  const figures = headlineFigures(metrics, document.calendar);
  const gap = 6;
  const width = (report.width - gap * (figures.length - 1)) / figures.length;
  figures.forEach((figure, i) => {
    const x = MARGIN + i * (width + gap);
    doc.roundedRect(x, report.y, width, FIGURE_TILES_HEIGHT, 3).fill('#eef1f4');
    report.text(figure.label, x + 6, report.y + 10, 7.5, { colour: MUTED });
    // A long duration (`85w 4d 4h 45m`) in a narrow tile (Letter, portrait) is set smaller to fit.
    const size = Math.min(12, (12 * (width - 12)) / report.fonts.width(figure.value, 12, true));
    report.text(figure.value, x + 6, report.y + 24, size, { bold: true });
  });
  report.y += FIGURE_TILES_HEIGHT + 8;
  const walls = wallLines(document, metrics);
  if (walls.length === 0) {
    report.text('Walls of confusion: none, no handoffs between teams.', MARGIN, report.y + 9, 8.5, { bold: true });
    report.y += 13 + WALL_LINE;
    return;
  }
  report.text('Walls of confusion, worst first', MARGIN, report.y + 9, 8.5, { bold: true });
  report.y += 13;
  const shown = walls.length > WALLS_ON_MAP_PAGE ? walls.slice(0, WALLS_ON_MAP_PAGE - 1) : walls;
  const rows = wallRows(walls.length, report.width);
  const column = wallColumns(walls.length, report.width) === 1 ? report.width : (report.width - 12) / 2;
  const at = (i: number) => ({
    x: MARGIN + Math.floor(i / rows) * (column + 12),
    y: report.y + (i % rows) * WALL_LINE,
  });
  shown.forEach((wall, i) => {
    const { x, y } = at(i);
    doc.roundedRect(x, y + 0.5, 12, 8.5, 2).fill(SEVERITY_COLOURS[wall.severity]);
    report.text(SEVERITY_LETTERS[wall.severity], x + 6, y + 7.5, 6.5, {
      bold: true,
      colour: '#ffffff',
      align: 'center',
    });
    report.text(wall.figures, x + 16, y + 7.5, 8, { bold: true });
    const left = x + 16 + report.fonts.width(wall.figures, 8, true) + 6;
    const [where] = report.fonts.wrap(wall.where, column - (left - x), 8, false, 1).lines;
    report.text(where ?? '', left, y + 7.5, 8);
  });
  if (shown.length < walls.length) {
    const { x, y } = at(shown.length);
    report.text(
      `… and ${plural(walls.length - shown.length, 'more wall')}: all are listed with the figures.`,
      x + 16,
      y + 7.5,
      8,
      { colour: MUTED },
    );
  }
  report.y += rows * WALL_LINE;
}

/** What stands under a map on its page: its height (with the gap above it), and how it is drawn from `report.y` down. */
interface MapFoot {
  height: () => number;
  draw: () => void;
}

/** Under the handout's map: its headline figures and walls, then the legend. */
function handoutFoot(report: Report, document: VsmDocument, metrics: FlowMetrics): MapFoot {
  return {
    height: () => 8 + headlineHeight(metrics, report.width) + report.legendHeight,
    draw: () => {
      headline(report, document, metrics);
      report.legend();
    },
  };
}

/**
 * The map's page: the heading, the map as large as the page allows, then what stands under it (the
 * handout's headline figures and walls, and the legend). A map that prints legibly (figures of
 * {@link MIN_MAP_SCALE} or more), or one of up to `onePageSteps` steps when given, is whole on this
 * page (in two or three bands when that prints it larger); any other is shown whole as an overview,
 * marked with the pages of its tiles, which follow.
 */
function mapPages(report: Report, scene: Scene, heading: ReportHeading, foot: MapFoot, onePageSteps?: number) {
  report.newPage();
  report.pageHeading(heading);
  const top = report.y + 4;
  const below = foot.height();
  const note = 22;
  const plan = planMap(scene, {
    area: { width: report.width, height: report.bottom - below - top },
    tileArea: { width: report.width, height: report.bottom - MARGIN - 22 },
    ...(onePageSteps !== undefined && { onePageSteps }),
    minScale: MIN_MAP_SCALE,
    tileScale: TILE_SCALE,
    maxScale: 0.75,
    firstTilePage: report.pages + 1,
    measure: (text, size) => report.fonts.width(text, size, true),
  });
  if (plan.kind === 'one page') {
    let y = top;
    for (const band of plan.bands) {
      report.scene(scene, MARGIN, y, band.scale, band.view);
      y += band.view.height * band.scale + BAND_GAP;
    }
    report.y = y - BAND_GAP + 8;
    foot.draw();
    return;
  }
  // The overview leaves room for its note under it.
  const scale = Math.min(plan.overviewScale, (report.bottom - below - note - top) / scene.height);
  report.scene(scene, MARGIN, top, scale, { x: 0, y: 0, width: scene.width, height: scene.height });
  const { doc } = report;
  const onPage = (x: number, y: number): Point => [MARGIN + x * scale, top + y * scale];
  for (const tile of plan.tiles) {
    const [x, y] = onPage(tile.content.x, tile.content.y);
    doc
      .rect(x, y, tile.content.width * scale, tile.content.height * scale)
      .lineWidth(1.5)
      .dash(4, { space: 3 })
      .stroke('#0b5cad')
      .undash();
  }
  for (const label of plan.labels) {
    const [x, y] = onPage(label.box.x, label.box.y);
    const width = label.box.width * scale;
    doc
      .roundedRect(x, y, width, label.box.height * scale, 3)
      .fillOpacity(0.9)
      .fill('#ffffff')
      .fillOpacity(1);
    report.text(label.text, x + width / 2, y + label.size * 1.05, label.size, {
      bold: true,
      colour: '#0b5cad',
      align: 'center',
    });
  }
  const parts = plan.tiles.length;
  // Below the map, after the labels that stand there.
  const under = top + scene.height * scale + (plan.labels.some((label) => label.box.y >= scene.height) ? 12 : 0);
  report.text(
    `The whole map, too large for one page: it follows in ${parts} parts, on the pages marked here.`,
    MARGIN,
    under + 13,
    9,
    { colour: MUTED },
  );
  report.y = under + note + 8;
  foot.draw();
  plan.tiles.forEach((tile, i) => {
    const row = Math.floor(i / plan.columns);
    const column = i % plan.columns;
    report.newPage();
    report.text(
      `${heading.title}: the map, part ${i + 1} of ${parts} (row ${row + 1}, column ${column + 1})`,
      MARGIN,
      MARGIN + 10,
      10,
      { bold: true },
    );
    report.scene(scene, MARGIN, MARGIN + 22, tile.scale, tile.view);
  });
}

/** The timeline ladder along the critical path, to scale, then its figures as a table. */
function ladder(report: Report, document: VsmDocument, metrics: FlowMetrics) {
  const rungs = ladderRungs(document, metrics);
  if (rungs.length === 0) {
    report.paragraph('No steps yet.');
    return;
  }
  const { doc } = report;
  const total = rungs.reduce((sum, rung) => sum + rung.wait + rung.work, 0) || 1;
  report.room(70);
  const top = report.y;
  let x = MARGIN;
  for (const rung of rungs) {
    const wait = (rung.wait / total) * report.width;
    const work = (rung.work / total) * report.width;
    doc.rect(x, top, wait, 20).fill('#f9d9d6');
    doc.rect(x + wait, top + 22, Math.max(work, 0.5), 20).fill('#cfe8d5');
    if (wait > 34) report.text(formatDuration(rung.wait, document.calendar), x + 3, top + 14, 8, { colour: '#8a1c12' });
    if (work > 34)
      report.text(formatDuration(rung.work, document.calendar), x + wait + 3, top + 36, 8, { colour: '#1e5b2e' });
    doc
      .moveTo(x, top - 2)
      .lineTo(x, top + 46)
      .lineWidth(0.5)
      .stroke(LINE);
    x += wait + work;
  }
  report.y = top + 52;
  report.text(
    'Upper rung: waiting before each step (the handoff in, and lead time beyond process time). Lower rung: process time.',
    MARGIN,
    report.y + 8,
    8,
    { colour: MUTED },
  );
  report.y += 18;
  report.table(
    {
      columns: [
        { header: 'Step' },
        { header: 'Waiting before', align: 'right' },
        { header: 'Working', align: 'right' },
      ],
      rows: rungs.map((rung) => [
        rung.step.name,
        formatDuration(rung.wait, document.calendar),
        formatDuration(rung.work, document.calendar),
      ]),
    },
    Math.min(report.width, 460),
  );
}

/** The figures of one map, after its pages. */
function figures(report: Report, document: VsmDocument, metrics: FlowMetrics, title: string) {
  report.newPage();
  report.text(title, MARGIN, report.y + 16, 16, { bold: true });
  report.y += 26;
  report.heading('Flow metrics');
  report.table(metricsTable(document, metrics), Math.min(report.width, 320));
  report.paragraph(
    `Critical path (${plural(metrics.criticalPath.length, 'step')}): ${criticalPathNames(document, metrics).join(' → ') || 'no steps'}`,
  );
  report.heading('Timeline along the critical path');
  ladder(report, document, metrics);
  report.heading(`Walls of confusion (${metrics.walls.length}, largest delay first)`);
  if (metrics.walls.length === 0) report.paragraph('None: no handoffs between teams.');
  else {
    report.table(wallsTable(document, metrics));
    report.heading('Walls by team pair');
    report.table(teamPairsTable(document, metrics), Math.min(report.width, 420));
  }
  report.heading('Steps');
  if (document.steps.length === 0) report.paragraph('No steps yet.');
  else report.table(stepsTable(document, metrics));
  report.heading(`Improvement ideas (${document.ideas.length})`);
  if (document.ideas.length === 0) report.paragraph('None yet.');
  else {
    const stepName = new Map(document.steps.map((step) => [step.id, step.name]));
    report.table({
      columns: [
        { header: 'Idea' },
        { header: 'Step' },
        { header: 'Votes', align: 'right' },
        { header: 'Capability (Accelerate)' },
      ],
      rows: [...document.ideas]
        .sort((a, b) => b.votes - a.votes)
        .map((idea) => [
          idea.text,
          idea.step === undefined ? '' : (stepName.get(idea.step) ?? idea.step),
          String(idea.votes),
          idea.capability === undefined ? '' : ACCELERATE_CAPABILITIES[idea.capability],
        ]),
    });
  }
}

/** The report of one map: its picture, then its figures. */
export function mapPdf(
  map: LabelledMap,
  metrics: FlowMetrics,
  fonts: ReportFonts,
  options: PdfOptions,
): Promise<Buffer> {
  const { document } = map;
  const heading = headingOf(map, options.date);
  const report = new Report(fonts, options, heading.title);
  mapPages(report, buildScene(document, metrics, fonts), heading, handoutFoot(report, document, metrics));
  figures(report, document, metrics, `${heading.title}: figures`);
  return report.finish();
}

/**
 * The workshop summary: the map as the report draws it, then what the room produced: the walls of
 * confusion worst first, the ideas ranked with their voters, the plan (the ideas planned, under way
 * or done, with owner, due date and expected effect), the participants and the notes (the parking
 * lot). A section with nothing in it says so in one line, so a map without workshop data still
 * gets its summary.
 */
export function summaryPdf(
  map: LabelledMap,
  metrics: FlowMetrics,
  fonts: ReportFonts,
  options: PdfOptions,
): Promise<Buffer> {
  const { document } = map;
  const mapHeading = headingOf(map, options.date);
  const heading = { ...mapHeading, title: `Workshop summary: ${mapHeading.title}` };
  const report = new Report(fonts, options, heading.title);
  report.pageHeader = heading.title;
  mapPages(report, buildScene(document, metrics, fonts), heading, handoutFoot(report, document, metrics));
  report.newPage();
  report.heading(`Walls of confusion (${metrics.walls.length}, largest delay first)`);
  if (metrics.walls.length === 0) report.paragraph('None: no handoffs between teams.');
  else report.table(wallsTable(document, metrics));
  const rows = planRows(document);
  report.heading(`Ideas ranked by votes (${rows.length})`);
  if (rows.length === 0) report.paragraph('No ideas yet.');
  else report.table(rankedIdeasTable(rows));
  const plan = planTable(rows);
  report.heading(`The plan (${plural(plan.rows.length, 'idea')})`);
  if (plan.rows.length === 0)
    report.paragraph('No idea is planned yet: an idea with the status planned, doing or done is in the plan.');
  else report.table(plan);
  report.heading(`Participants (${document.participants.length})`);
  if (document.participants.length === 0) report.paragraph('No participants recorded.');
  else report.table(participantsTable(document), Math.min(report.width, 420));
  report.heading('Notes (parking lot)');
  const notes = document.notes?.trim() ?? '';
  if (notes === '') report.paragraph('No notes.');
  // Line by line as written; an empty line leaves a gap.
  else for (const line of notes.split(/\r?\n/)) report.paragraph(line, 10, { gap: line.trim() === '' ? 7 : 0 });
  return report.finish();
}

const MARKS_LINE = 14;
const MARKS_SIZE = 9;

/**
 * Under a comparison's map: what is marked on it, in words with each mark's symbol on its colour
 * (`− removed: 3 steps, 7 handoffs`, then the walls), on as many lines as the page's width needs,
 * then the legend.
 */
function marksFoot(report: Report, marks: SideMarks, side: 'before' | 'after'): MapFoot {
  const placed = () =>
    placeMarksCaption(marks, side, report.width, (text, bold) => report.fonts.width(text, MARKS_SIZE, bold), {
      chip: 16,
      gap: 12,
    });
  return {
    height: () => 8 + (Math.max(...placed().map((part) => part.line)) + 1) * MARKS_LINE + report.legendHeight,
    draw: () => {
      const top = report.y + 10;
      for (const part of placed()) {
        const [x, y] = [MARGIN + part.x, top + part.line * MARKS_LINE];
        if (part.mark) {
          report.doc.roundedRect(x, y - 8.5, 12, 11, 2).fill(CHANGE_COLOURS[part.mark]);
          report.text(CHANGE_SYMBOLS[part.mark], x + 6, y, MARKS_SIZE, {
            bold: true,
            colour: '#ffffff',
            align: 'center',
          });
        }
        report.text(part.text, x + part.chip, y, MARKS_SIZE, { bold: part.bold });
      }
      report.legend();
    },
  };
}

const DELTA_TILE_HEIGHT = 66;

/** The headline changes as large tiles, four to a row: the label, the change big, before → after under it. */
function deltaTiles(report: Report, figures: readonly DeltaFigure[]) {
  const { doc } = report;
  const perRow = 4;
  const gap = 8;
  const width = (report.width - gap * (perRow - 1)) / perRow;
  const fit = (text: string, size: number, bold: boolean) =>
    Math.min(size, (size * (width - 16)) / report.fonts.width(text, size, bold));
  figures.forEach((figure, i) => {
    const x = MARGIN + (i % perRow) * (width + gap);
    const y = report.y + Math.floor(i / perRow) * (DELTA_TILE_HEIGHT + gap);
    doc.roundedRect(x, y, width, DELTA_TILE_HEIGHT, 4).fill('#eef1f4');
    report.text(figure.label, x + 8, y + 14, fit(figure.label, 9, false), { colour: MUTED });
    report.text(figure.change, x + 8, y + 40, fit(figure.change, 22, true), { bold: true });
    const values = figure.detail === undefined ? figure.values : `${figure.values} (${figure.detail})`;
    report.text(values, x + 8, y + 57, fit(values, 9, false));
  });
  report.y += Math.ceil(figures.length / perRow) * (DELTA_TILE_HEIGHT + gap) + 4;
}

/** A part of the changes: its heading with its counts, then its table (or `none`). */
function changesSection(report: Report, { heading, table }: ChangeTableSection) {
  report.heading(heading);
  if (table.rows.length === 0) report.paragraph('None.');
  else report.table(table);
}

/**
 * The before/after report: the headline changes and every metric before and after; both maps, one
 * page each when they fit; then what changed: the steps, the handoffs (waits, queues, rework), the
 * walls by team pair.
 * The sides are called by their labels ("Current state", "In 3 months") throughout.
 */
export function comparisonPdf(
  before: LabelledMap & { metrics: FlowMetrics },
  after: LabelledMap & { metrics: FlowMetrics },
  comparison: Comparison,
  fonts: ReportFonts,
  options: PdfOptions,
): Promise<Buffer> {
  const heading = comparisonHeading(before, after, options.date);
  const labels = { before: before.label, after: after.label };
  const report = new Report(fonts, options, heading.title);
  report.pageHeader = heading.title;
  report.newPage();
  report.pageHeading(heading);
  deltaTiles(report, deltaFigures(comparison, after.document.calendar));
  report.heading(`Flow metrics: ${labels.before} and ${labels.after}`);
  report.table(metricDeltasTable(comparison, after.document.calendar, labels), Math.min(report.width, 560));

  const marks = changeMarks(before.document, after.document, comparison);
  for (const [side, map] of [
    ['before', before],
    ['after', after],
  ] as const) {
    const { title, subtitle } = headingOf(map, options.date);
    mapPages(
      report,
      buildScene(map.document, map.metrics, fonts, marks[side]),
      { title: `${side === 'before' ? 'Before' : 'After'}: ${title}`, subtitle },
      marksFoot(report, marks[side], side),
      ONE_PAGE_STEPS,
    );
  }

  report.newPage();
  report.pageHeading({ title: `What changed: ${labels.before} → ${labels.after}`, subtitle: heading.title });
  for (const section of changeSections(before.document, after.document, comparison)) changesSection(report, section);
  return report.finish();
}
