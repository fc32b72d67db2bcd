import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { describeIssue } from '../../shared/model/issues';
import { MAX_DOCUMENT_BYTES, parseDocumentText, serializeDocument } from '../../shared/model/text';
import { EXAMPLE_NAMES, examplePath } from './helpers';

const issues = (text: string, format?: 'json' | 'yaml') => {
  const result = parseDocumentText(text, format);
  if (result.ok) throw new Error('expected the text to be refused');
  return result.issues.map(describeIssue);
};

describe('parseDocumentText', () => {
  it('reads JSON and YAML to the same document', () => {
    for (const name of EXAMPLE_NAMES) {
      const json = readFileSync(examplePath(name), 'utf8');
      const fromJson = parseDocumentText(json, 'json');
      const fromYaml = parseDocumentText(stringify(JSON.parse(json)), 'yaml');
      expect(fromJson.ok && fromYaml.ok).toBe(true);
      expect(fromYaml).toEqual(fromJson);
    }
  });

  it('sniffs the format when none is given', () => {
    expect(parseDocumentText('{"format": "vsm/1", "name": "J"}').ok).toBe(true);
    expect(parseDocumentText('format: vsm/1\nname: Y\n').ok).toBe(true);
  });

  it('reports syntax errors with their place', () => {
    expect(issues('{"format": "vsm/1",\n  "name": }', 'json')).toEqual([
      "document: is not valid JSON: Unexpected token '}' (line 2, column 11)",
    ]);
    expect(issues('{"format": "vsm/1",\n  "name": "x",}', 'json')).toEqual([
      'document: is not valid JSON: Expected double-quoted property name (line 2, column 15)',
    ]);
    expect(issues('format: vsm/1\nname: [unclosed\n', 'yaml')).toEqual([
      expect.stringMatching(/^document: is not valid YAML: .*at line 3, column 1$/),
    ]);
    expect(issues('format: vsm/1\nname: a\nname: b\n', 'yaml')).toEqual([
      expect.stringMatching(/^document: is not valid YAML: Map keys must be unique/),
    ]);
  });

  it('refuses __proto__ keys as unknown fields and pollutes nothing', () => {
    const json =
      '{"format":"vsm/1","name":"x","__proto__":{"polluted":true},"steps":[{"id":"a","name":"A","processTime":1,"__proto__":{"x":1}}]}';
    expect(issues(json, 'json')).toEqual([
      'steps[0].__proto__: is not a field here (known fields: id, name, team, processTime, leadTime, percentCompleteAccurate, people, notes, position)',
      '__proto__: is not a field here (known fields: format, name, state, calendar, notes, teams, steps, handoffs, participants, ideas)',
    ]);
    expect(issues('format: vsm/1\nname: x\n__proto__:\n  polluted: true\n', 'yaml')).toEqual([
      expect.stringContaining('__proto__: is not a field here'),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses huge numbers', () => {
    expect(issues('{"format":"vsm/1","name":"x","steps":[{"id":"a","name":"A","processTime":1e400}]}', 'json')).toEqual(
      ['steps[0].processTime: is not a finite number'],
    );
    expect(
      issues('{"format":"vsm/1","name":"x","steps":[{"id":"a","name":"A","processTime":1,"people":1e300}]}', 'json'),
    ).toEqual(['steps[0].people: must be at most 100000, not 1e+300']);
  });

  it('survives deep nesting', () => {
    const deep = `{"format":"vsm/1","name":"x","steps":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const json = issues(deep, 'json');
    expect(json).toHaveLength(1);
    expect(json[0]).toMatch(/^(document: is nested too deeply to read|steps\[0\]: must be an object)/);
    const yaml = issues(`format: vsm/1\nname: x\nsteps: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'yaml');
    expect(yaml).toEqual(['document: is nested too deeply to read']);
  });

  it('bounds YAML aliases (no billion laughs)', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    expect(issues(`${lines.join('\n')}\n`, 'yaml')[0]).toMatch(/is not valid YAML: .*[Aa]lias/);
  });

  it('refuses texts over 20 MB before parsing them', () => {
    const text = `{"format":"vsm/1","name":"x","notes":"${'x'.repeat(MAX_DOCUMENT_BYTES)}"}`;
    expect(issues(text, 'json')).toEqual(['document: is 20.0 MB; maps are limited to 20 MB']);
  });
});

describe('serializeDocument', () => {
  it('writes the examples so that they read back the same, in JSON and YAML', () => {
    for (const name of EXAMPLE_NAMES) {
      const parsed = parseDocumentText(readFileSync(examplePath(name), 'utf8'), 'json');
      if (!parsed.ok) throw new Error('example invalid');
      for (const format of ['json', 'yaml'] as const) {
        expect(parseDocumentText(serializeDocument(parsed.document, format), format)).toEqual(parsed);
      }
    }
  });

  it('writes the workshop data so that it reads back the same', () => {
    const text = JSON.stringify({
      format: 'vsm/1',
      name: 'Workshop',
      notes: 'Parking lot: who owns the test environments?',
      participants: [{ id: 'ana', name: 'Ana Keller' }],
      steps: [{ id: 'cab', name: 'Change advisory board', processTime: '1h' }],
      ideas: [
        {
          id: 'i1',
          text: 'Automate approvals',
          step: 'cab',
          votesBy: { ana: 2 },
          status: 'doing',
          owner: 'ana',
          due: '2027-03-31',
          effect: '-1w',
        },
      ],
    });
    const parsed = parseDocumentText(text, 'json');
    if (!parsed.ok) throw new Error('workshop invalid');
    for (const format of ['json', 'yaml'] as const) {
      const written = serializeDocument(parsed.document, format);
      expect(written).toContain('Parking lot');
      expect(parseDocumentText(written, format)).toEqual(parsed);
    }
    expect(serializeDocument(parsed.document, 'yaml')).not.toContain('participants: []');
  });

  it('keeps the dots of participants whose ids are also the names of what objects inherit', () => {
    const ids = ['__proto__', 'constructor', 'toString'];
    const text = JSON.stringify({
      format: 'vsm/1',
      name: 'Workshop',
      participants: ids.map((id) => ({ id, name: `Person ${id}` })),
      // A computed key: a plain `__proto__: 3` in an object literal would be no property at all.
      ideas: [
        { id: 'i1', text: 'Automate approvals', votes: 6, votesBy: { ['__proto__']: 3, constructor: 2, toString: 1 } },
      ],
    });
    expect(text).toContain('"votesBy":{"__proto__":3,"constructor":2,"toString":1}');
    const parsed = parseDocumentText(text, 'json');
    if (!parsed.ok) throw new Error(`workshop invalid: ${parsed.issues.map(describeIssue).join('; ')}`);
    expect(Object.entries(parsed.document.ideas[0]?.votesBy ?? {})).toEqual([
      ['__proto__', 3],
      ['constructor', 2],
      ['toString', 1],
    ]);
    for (const format of ['json', 'yaml'] as const) {
      const written = serializeDocument(parsed.document, format);
      expect(written).toContain(format === 'json' ? '"__proto__": 3' : '__proto__: 3');
      expect(parseDocumentText(written, format)).toEqual(parsed);
    }
    // A dot of someone who is not a participant is refused, whatever the id, not dropped unseen.
    expect(issues(text.replace('{"id":"__proto__","name":"Person __proto__"},', ''), 'json')).toEqual([
      'ideas[0].votesBy.__proto__: no participant has the id "__proto__"',
    ]);
  });

  it('writes durations in the calendar and leaves defaults out', () => {
    const parsed = parseDocumentText(readFileSync(examplePath('feature-delivery-current'), 'utf8'), 'json');
    if (!parsed.ok) throw new Error('example invalid');
    const yaml = serializeDocument(parsed.document, 'yaml');
    expect(yaml).toContain('processTime: 2h\n');
    expect(yaml).toContain('leadTime: 1w\n');
    expect(yaml).toContain('waitTime: 1w\n');
    expect(yaml).not.toContain('percentCompleteAccurate: 100');
    expect(yaml).not.toContain('participants');
  });
});
