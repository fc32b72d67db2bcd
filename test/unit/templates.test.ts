import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/api/handlers';
import { TEMPLATE_IDS, type OpenedMap, type TemplateSummary } from '../../shared/api/types';
import { computeMetrics } from '../../shared/metrics/flow';
import { parseDocumentText } from '../../shared/model/text';
import { tempLibrary } from './store/helpers';

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

describe('a new value stream from a template, through the API', () => {
  it('lists every template with its name, a line on what it maps and its steps', async () => {
    const answer = await dispatch({ library: tempLibrary() }, 'listTemplates', {});
    if (!answer.ok) throw new Error(answer.error.message);
    const listed = answer.value as TemplateSummary[];
    expect(listed.map((template) => template.id)).toEqual([...TEMPLATE_IDS]);
    expect(listed.map((template) => `${template.id}.json`).sort()).toEqual(files.sort());
    for (const template of listed) {
      expect(template.name.length, template.id).toBeGreaterThan(0);
      expect(template.description, template.id).toMatch(/^\S.{20,120}\.$/);
    }
    expect(listed.find((template) => template.id === 'incident-recovery')).toMatchObject({
      name: 'Incident recovery',
      steps: 6,
    });
  });

  it("creates the stream's current state as a copy of the template, named as typed", async () => {
    const library = tempLibrary();
    const answer = await dispatch({ library }, 'createStream', {
      name: 'Payments outage',
      template: 'incident-recovery',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const { document, summary } = answer.value as OpenedMap;
    const parsed = parseDocumentText(readFileSync(join(folder, 'incident-recovery.json'), 'utf8'), 'json');
    if (!parsed.ok) throw new Error('incident-recovery.json invalid');
    expect(document.name).toBe('Payments outage');
    expect({ ...document, name: parsed.document.name }).toEqual(parsed.document);
    expect(summary).toMatchObject({ streamName: 'Payments outage', name: 'Payments outage', state: 'current' });
    const empty = await dispatch({ library }, 'createStream', { name: 'Blank' });
    expect(empty.ok && (empty.value as OpenedMap).document.steps).toEqual([]);
  });

  it('refuses an unknown template, and says which template file is invalid or missing', async () => {
    const library = tempLibrary();
    const unknown = await dispatch({ library }, 'createStream', { name: 'X', template: 'kanban' });
    expect(unknown.ok || unknown.error.message).toMatch(/template/);
    const damaged = mkdtempSync(join(tmpdir(), 'flowmap-templates-'));
    for (const name of files) copyFileSync(join(folder, name), join(damaged, name));
    writeFileSync(join(damaged, 'customer-bug-fix.json'), '{"format": "vsm/1", "name": ""}');
    const backend = { library, templatesFolder: damaged };
    const invalid = await dispatch(backend, 'createStream', { name: 'X', template: 'customer-bug-fix' });
    expect(invalid.ok || `${invalid.error.code}: ${invalid.error.message}`).toMatch(
      /^invalid: The template "customer-bug-fix" is not a valid map: name/,
    );
    const listed = await dispatch(backend, 'listTemplates', {});
    expect(listed.ok && (listed.value as TemplateSummary[]).map((template) => template.id)).not.toContain(
      'customer-bug-fix',
    );
    const missing = await dispatch({ library, templatesFolder: join(damaged, 'nowhere') }, 'createStream', {
      name: 'X',
      template: 'guided',
    });
    expect(missing.ok || `${missing.error.code}: ${missing.error.message}`).toMatch(
      /^not-found: The template "guided" is missing: guided.json is not in /,
    );
    expect(library.listStreams()).toEqual([]);
  });
});
