/**
 * The pictures as SVG, serialized from the scene of the document (never from the window's DOM): a
 * map with its heading (title, state, date, calendar) and legend, or a comparison as its PDF report has
 * it (the deltas, both maps with their marks and what is marked on each, what changed). Every name is escaped; names shortened to fit keep their full text in a
 * tooltip (<title>).
 */
import type { FlowMetrics } from '../../shared/metrics/flow';
import { changeMarks, type SideMarks } from '../../shared/metrics/change-marks';
import type { Comparison } from '../../shared/metrics/compare';
import { metricDeltasTable, type Table } from '../../shared/metrics/tables';
import {
  CHANGE_COLOURS,
  CHANGE_SYMBOLS,
  CRITICAL_COLOUR,
  HANDOFF_COLOUR,
  REWORK_COLOUR,
  SEVERITY_COLOURS,
  SEVERITY_LETTERS,
} from '../../shared/picture/palette';
import type { LabelledMap } from './files';
import type { ReportFonts } from './fonts';
import {
  changeSections,
  comparisonHeading,
  headingOf,
  LEGEND_ITEMS,
  placeMarksCaption,
  type ReportHeading,
} from './captions';
import { buildScene, type Point, type Scene, SCENE_LAYOUT, SCENE_STEP, TEXT } from './scene';

/** Text for XML: `<`, `&`, quotes and characters XML does not allow. */
function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const HEADER = 84;
const LEGEND = 34;
const MARGIN = 24;
const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const path = (points: Point[]) =>
  points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${number(x)} ${number(y)}`).join(' ');

/** A block of the picture, drawn from its top-left corner, `height` tall. */
interface Block {
  height: number;
  svg: string;
}

/** The picture: blocks stacked top to bottom on a white page. */
function svgDocument(title: string, contentWidth: number, blocks: Block[]): string {
  const width = Math.max(contentWidth, 760) + 2 * MARGIN;
  const height = blocks.reduce((sum, block) => sum + block.height, 0) + 2 * MARGIN;
  let y = MARGIN;
  const placed = blocks.map((block) => {
    const svg = `<g transform="translate(${MARGIN} ${number(y)})">\n${block.svg}\n</g>`;
    y += block.height;
    return svg;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${number(width)}" height="${number(height)}" viewBox="0 0 ${number(width)} ${number(height)}" font-family="DejaVu Sans, Verdana, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...placed,
    `</svg>`,
    '',
  ].join('\n');
}

function headingBlock({ title, subtitle }: ReportHeading): Block {
  return {
    height: HEADER,
    svg: [
      `<text x="0" y="30" font-size="30" font-weight="700" fill="#1d2329">${escapeXml(title)}</text>`,
      `<text x="0" y="60" font-size="18" fill="#56606b">${escapeXml(subtitle)}</text>`,
    ].join('\n'),
  };
}

function sceneBlock(scene: Scene, id: string): Block {
  return { height: scene.height + 22, svg: sceneSvg(scene, id) };
}

const BODY = 16;

/** A table of text, its columns as wide as their widest cell. */
function tableBlock({ columns, rows }: Table, fonts: ReportFonts): Block {
  const padding = 14;
  const widths = columns.map(
    (column, i) =>
      Math.max(fonts.width(column.header, BODY, true), ...rows.map((row) => fonts.width(row[i] ?? '', BODY))) + padding,
  );
  const lines: string[] = [];
  [columns.map((column) => column.header), ...rows].forEach((row, r) => {
    let x = 0;
    row.forEach((cell, i) => {
      const right = columns[i]!.align === 'right';
      lines.push(
        `<text x="${number(right ? x + widths[i]! - padding : x)}" y="${r * 26 + 18}" font-size="${BODY}"${r === 0 ? ' font-weight="700"' : ''}${right ? ' text-anchor="end"' : ''} fill="#1d2329">${escapeXml(cell)}</text>`,
      );
      x += widths[i]!;
    });
    lines.push(
      `<line x1="0" y1="${r * 26 + 25}" x2="${number(widths.reduce((sum, w) => sum + w, 0))}" y2="${r * 26 + 25}" stroke="#d5dbe1"/>`,
    );
  });
  return { height: (rows.length + 1) * 26 + 20, svg: lines.join('\n') };
}

/** Paragraphs wrapped to a width; a heading bold. */
function textBlock(
  paragraphs: { text: string; bold?: boolean; detail?: boolean }[],
  width: number,
  fonts: ReportFonts,
): Block {
  const lines: string[] = [];
  let y = 0;
  for (const { text, bold, detail } of paragraphs) {
    const size = bold ? 20 : BODY;
    const indent = detail ? 24 : 0;
    if (bold) y += 8;
    for (const line of fonts.wrap(text, width - indent, size, bold).lines) {
      y += size * 1.4;
      lines.push(
        `<text x="${indent}" y="${number(y - size * 0.35)}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="#1d2329">${escapeXml(line)}</text>`,
      );
    }
  }
  return { height: y + 12, svg: lines.join('\n') };
}

export function mapSvg(map: LabelledMap, metrics: FlowMetrics, fonts: ReportFonts, date: Date): string {
  const scene = buildScene(map.document, metrics, fonts);
  const heading = headingOf(map, date);
  return svgDocument(heading.title, scene.width, [headingBlock(heading), sceneBlock(scene, 'map'), legendBlock(fonts)]);
}

/**
 * The before/after picture, as the PDF report has it: every metric before and after under the
 * labels; both maps with their marks, each with what is marked on it in words, then the legend; then
 * what changed (the steps, the handoffs, the walls by team pair).
 */
export function comparisonSvg(
  before: LabelledMap & { metrics: FlowMetrics },
  after: LabelledMap & { metrics: FlowMetrics },
  comparison: Comparison,
  fonts: ReportFonts,
  date: Date,
): string {
  const marks = changeMarks(before.document, after.document, comparison);
  const labels = { before: before.label, after: after.label };
  const sides = [
    { side: 'before', map: before, scene: buildScene(before.document, before.metrics, fonts, marks.before) },
    { side: 'after', map: after, scene: buildScene(after.document, after.metrics, fonts, marks.after) },
  ] as const;
  const width = Math.max(...sides.map(({ scene }) => scene.width), 900);
  const heading = comparisonHeading(before, after, date);
  return svgDocument(heading.title, width, [
    headingBlock(heading),
    textBlock([{ text: `Flow metrics: ${labels.before} and ${labels.after}`, bold: true }], width, fonts),
    tableBlock(metricDeltasTable(comparison, after.document.calendar, labels), fonts),
    ...sides.flatMap(({ side, map, scene }) => {
      const { title, subtitle } = headingOf(map, date);
      return [
        headingBlock({ title: `${side === 'before' ? 'Before' : 'After'}: ${title}`, subtitle }),
        sceneBlock(scene, side),
        marksBlock(marks[side], side, width, fonts),
        legendBlock(fonts),
      ];
    }),
    textBlock([{ text: `What changed: ${labels.before} → ${labels.after}`, bold: true }], width, fonts),
    ...changeSections(before.document, after.document, comparison).flatMap(({ heading: title, table }) => [
      textBlock([{ text: title, bold: true }], width, fonts),
      table.rows.length === 0 ? textBlock([{ text: 'None.' }], width, fonts) : tableBlock(table, fonts),
    ]),
  ]);
}

const MARKS_SIZE = 15;
const MARKS_LINE = 24;

/** Under a comparison's map: what is marked on it, in words, each mark after its symbol on its colour (as the PDF's). */
function marksBlock(marks: SideMarks, side: 'before' | 'after', width: number, fonts: ReportFonts): Block {
  const placed = placeMarksCaption(marks, side, width, (text, bold) => fonts.width(text, MARKS_SIZE, bold), {
    chip: 26,
    gap: 18,
  });
  const out: string[] = [`<g class="marks-caption" font-size="${MARKS_SIZE}" fill="#1d2329">`];
  for (const part of placed) {
    const y = part.line * MARKS_LINE + 16;
    if (part.mark) {
      out.push(
        `<rect x="${number(part.x)}" y="${y - 14}" width="20" height="18" rx="3" fill="${CHANGE_COLOURS[part.mark]}"/>`,
        `<text x="${number(part.x + 10)}" y="${y}" text-anchor="middle" font-weight="700" fill="#ffffff">${escapeXml(CHANGE_SYMBOLS[part.mark])}</text>`,
      );
    }
    out.push(
      `<text x="${number(part.x + part.chip)}" y="${y}"${part.bold ? ' font-weight="700"' : ''}>${escapeXml(part.text)}</text>`,
    );
  }
  out.push('</g>');
  return { height: (Math.max(...placed.map((part) => part.line)) + 1) * MARKS_LINE + 12, svg: out.join('\n') };
}

/** The scene alone, in its own units, at the origin. */
function sceneSvg(scene: Scene, id: string): string {
  const colours = [...new Set(scene.handoffs.map((handoff) => handoff.colour))];
  const marker = (colour: string) => `${id}-arrow-${colours.indexOf(colour)}`;
  const out: string[] = [
    '<defs>',
    ...colours.map(
      (colour, i) =>
        `<marker id="${id}-arrow-${i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${colour}"/></marker>`,
    ),
    '</defs>',
  ];
  for (const lane of scene.lanes) {
    out.push(
      `<g class="lane"><title>${escapeXml(lane.name)}</title>`,
      `<rect x="0" y="${lane.y}" width="${number(scene.width)}" height="${lane.height}" fill="${lane.colour}" fill-opacity="0.18"/>`,
      `<rect x="0" y="${lane.y}" width="6" height="${lane.height}" fill="${lane.colour}"/>`,
      `<line x1="0" y1="${lane.y + lane.height}" x2="${number(scene.width)}" y2="${lane.y + lane.height}" stroke="#d5dbe1"/>`,
      // Upright, read from the bottom.
      `<text transform="translate(${SCENE_LAYOUT.laneStrip / 2 + 4} ${lane.y + lane.height / 2}) rotate(-90)" text-anchor="middle" font-size="${number(lane.nameSize)}" font-weight="700" fill="#1d2329">`,
      ...lane.nameLines.map(
        (line, i) =>
          `<tspan x="0" y="${number((i - (lane.nameLines.length - 1) / 2) * lane.nameSize * 1.1 + lane.nameSize * 0.35)}">${escapeXml(line)}</tspan>`,
      ),
      '</text></g>',
    );
  }
  for (const handoff of scene.handoffs) {
    const [lx, ly] = handoff.labelAt;
    out.push(
      `<g class="${handoff.rework ? 'rework' : 'handoff'}"><title>${escapeXml(handoff.label.join(', '))}</title>`,
      `<path d="${path(handoff.points)}" fill="none" stroke="${handoff.colour}" stroke-width="${handoff.width}"${handoff.dashed ? ' stroke-dasharray="7 5"' : ''} marker-end="url(#${marker(handoff.colour)})"/>`,
      `<text x="${number(lx)}" y="${number(ly)}" text-anchor="middle" font-size="${TEXT.label}" fill="${handoff.labelColour}" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">`,
      ...handoff.label.map(
        (line, i) =>
          `<tspan x="${number(lx)}" y="${number(ly + (i - (handoff.label.length - 1) / 2) * TEXT.label * 1.1 + TEXT.label * 0.35)}">${escapeXml(line)}</tspan>`,
      ),
      '</text>',
    );
    if (handoff.wall) {
      const { at, severity, colour, text, width, struck } = handoff.wall;
      const [wx, wy] = at;
      out.push(
        `<g class="wall wall-${severity}${struck ? ' gone' : ''}"><title>Wall of confusion (${severity})${struck ? ', gone' : ''}</title>`,
        `<rect x="${number(wx - width / 2)}" y="${number(wy - 11)}" width="${number(width)}" height="22" rx="4" fill="${colour}" stroke="#ffffff" stroke-width="2"/>`,
        `<text x="${number(wx)}" y="${number(wy + TEXT.marker * 0.35)}" text-anchor="middle" font-size="${TEXT.marker}" font-weight="700" fill="#ffffff">${escapeXml(text)}</text>`,
        ...(struck
          ? [
              `<line x1="${number(wx - width / 2 - 6)}" y1="${number(wy + 14)}" x2="${number(wx + width / 2 + 6)}" y2="${number(wy - 14)}" stroke="#1d2329" stroke-width="3" stroke-linecap="round"/>`,
            ]
          : []),
        '</g>',
      );
    }
    out.push('</g>');
  }
  const { width, height } = SCENE_STEP;
  const pad = SCENE_LAYOUT.stepPadding;
  for (const step of scene.steps) {
    const line = (text: string, y: number, size: number, bold: boolean) =>
      `<text x="${number(step.x + 8 + pad)}" y="${number(y)}" font-size="${size}"${bold ? ' font-weight="700"' : ''} fill="#1d2329">${escapeXml(text)}</text>`;
    out.push(
      `<g class="step${step.critical ? ' critical' : ''}"><title>${escapeXml(step.mark ? `${step.name} (${step.mark.badge})` : step.name)}</title>`,
      `<rect x="${number(step.x)}" y="${number(step.y)}" width="${width}" height="${height}" rx="6" fill="#ffffff" stroke="${step.critical ? '#1d2329' : '#9aa5b1'}" stroke-width="${step.critical ? 3 : 1}"/>`,
      `<rect x="${number(step.x)}" y="${number(step.y)}" width="8" height="${height}" fill="${step.colour}"/>`,
      ...step.nameLines.map((text, i) =>
        line(text, step.y + pad + TEXT.stepName * (0.85 + i * 1.15), TEXT.stepName, true),
      ),
      ...step.figures.map((text, i) =>
        line(
          text,
          step.y + height - pad - TEXT.figures * (0.3 + (step.figures.length - 1 - i) * 1.25),
          TEXT.figures,
          false,
        ),
      ),
    );
    if (step.mark) {
      const { colour, badge, badgeWidth } = step.mark;
      out.push(
        `<rect x="${number(step.x - 5)}" y="${number(step.y - 5)}" width="${width + 10}" height="${height + 10}" rx="10" fill="none" stroke="${colour}" stroke-width="4"/>`,
        `<rect x="${number(step.x - 5)}" y="${number(step.y - 14)}" width="${number(badgeWidth)}" height="24" rx="12" fill="${colour}"/>`,
        `<text x="${number(step.x - 5 + badgeWidth / 2)}" y="${number(step.y - 2 + TEXT.badge * 0.35)}" text-anchor="middle" font-size="${TEXT.badge}" font-weight="700" fill="#ffffff">${escapeXml(badge)}</text>`,
      );
    }
    if (step.ideaBadge) {
      out.push(
        `<g class="ideas"><title>${escapeXml(step.ideaBadge.label)}</title><rect x="${number(step.x + width - 44)}" y="${number(step.y - 11)}" width="56" height="24" rx="12" fill="#ffd166" stroke="#b8860b" stroke-width="2"/><text x="${number(step.x + width - 16)}" y="${number(step.y + 6)}" text-anchor="middle" font-size="${TEXT.badge}" font-weight="700" fill="#1d2329">${escapeXml(step.ideaBadge.text)}</text></g>`,
      );
    }
    out.push('</g>');
  }
  return out.join('\n');
}

function legendBlock(fonts: ReportFonts): Block {
  let x = 0;
  const out: string[] = ['<g class="legend" font-size="15" fill="#1d2329">'];
  for (const item of LEGEND_ITEMS) {
    if (item.kind === 'critical' || item.kind === 'handoff' || item.kind === 'rework') {
      const colour =
        item.kind === 'critical' ? CRITICAL_COLOUR : item.kind === 'rework' ? REWORK_COLOUR : HANDOFF_COLOUR;
      out.push(
        `<line x1="${x}" y1="10" x2="${x + 36}" y2="10" stroke="${colour}" stroke-width="${item.kind === 'critical' ? 3 : 1.5}"${item.kind === 'rework' ? ' stroke-dasharray="7 5"' : ''}/>`,
      );
    } else if (item.kind === 'idea') {
      out.push(
        `<rect x="${x}" y="0" width="36" height="20" rx="10" fill="#ffd166" stroke="#b8860b" stroke-width="2"/>`,
        `<text x="${x + 18}" y="15" text-anchor="middle" font-size="13" font-weight="700">✸</text>`,
      );
    } else {
      out.push(
        `<rect x="${x + 3}" y="1" width="30" height="18" rx="4" fill="${SEVERITY_COLOURS[item.kind]}"/>`,
        `<text x="${x + 18}" y="15" text-anchor="middle" font-size="13" font-weight="700" fill="#ffffff">${SEVERITY_LETTERS[item.kind]}</text>`,
      );
    }
    out.push(`<text x="${x + 44}" y="15">${escapeXml(item.text)}</text>`);
    x += 44 + fonts.width(item.text, 15) + 28;
  }
  out.push('</g>');
  return { height: LEGEND, svg: out.join('\n') };
}
