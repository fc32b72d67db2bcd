import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, EXTERNAL_LINKS, isAppUrl, isExternalLink } from '../../electron/security';

const RENDERER = fileURLToPath(new URL('../../renderer', import.meta.url));

describe('the window may only show the app', () => {
  it('allows the app origin and nothing else', () => {
    expect(isAppUrl('app://flowmap/index.html#/map/abc')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://flowmap.evil.example/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('keeps scripts, plugins, frames and forms out', () => {
    for (const directive of [
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });
});

describe('the browser opens only the app’s own links', () => {
  it('lists exactly the links to the web that the window shows', () => {
    const shown = new Set<string>();
    for (const entry of readdirSync(RENDERER, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(tsx?|html|css)$/.test(entry.name)) continue;
      const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
      for (const [link] of text.matchAll(/https:\/\/[^\s'"`)<>]+/g)) shown.add(new URL(link).href);
    }
    expect([...EXTERNAL_LINKS].sort()).toEqual([...shown].sort());
  });

  it('opens a listed link, and nothing that merely looks like one', () => {
    const links = ['https://example.org/guide/vsm'];
    expect(isExternalLink('https://example.org/guide/vsm', links)).toBe(true);
    expect(isExternalLink('https://EXAMPLE.org/guide/vsm', links)).toBe(true);
    for (const url of [
      'http://example.org/guide/vsm',
      'https://example.org/guide/vsm?next=https://evil.example/',
      'https://example.org/guide/vsm#more',
      'https://example.org/guide',
      'https://example.org.evil.example/guide/vsm',
      'https://user@example.org/guide/vsm',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isExternalLink(url, links), url).toBe(false);
    }
    expect(isExternalLink('https://evil.example/'), 'by default').toBe(false);
  });
});
