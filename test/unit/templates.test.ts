import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../shared/metrics/flow';
import { parseDocumentText } from '../../shared/model/text';

const folder = join(__dirname, '../../assets/templates');
const files = readdirSync(folder).filter((name) => name.endsWith('.json'));

describe('the templates of a new value stream', () => {
  it('are the five the workshop starts from', () => {
    expect(files.sort()).toEqual([
      'customer-bug-fix.json',
      'guided.json',
      'incident-recovery.json',
      'platform-onboarding.json',
      'ticket-to-production.json',
    ]);
  });

  it.each(files)('%s is a valid vsm/1 map', (name) => {
    const parsed = parseDocumentText(readFileSync(join(folder, name), 'utf8'), 'json');
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  });

  it.each(files.filter((name) => name !== 'guided.json'))(
    '%s shows what a map has: teams, walls, a rework loop, a critical path through every lane',
    (name) => {
      const parsed = parseDocumentText(readFileSync(join(folder, name), 'utf8'), 'json');
      if (!parsed.ok) throw new Error(`${name} invalid`);
      const metrics = computeMetrics(parsed.document);
      expect(metrics.walls.length).toBeGreaterThan(0);
      expect(parsed.document.handoffs.some((handoff) => handoff.rework !== undefined)).toBe(true);
      const onPath = new Set(metrics.criticalPath.map((id) => parsed.document.steps.find((s) => s.id === id)?.team));
      expect(parsed.document.teams.every((team) => onPath.has(team.id))).toBe(true);
    },
  );

  it('guided.json is empty: the agenda builds it', () => {
    const parsed = parseDocumentText(readFileSync(join(folder, 'guided.json'), 'utf8'), 'json');
    expect(parsed.ok && parsed.document.steps).toEqual([]);
  });
});
