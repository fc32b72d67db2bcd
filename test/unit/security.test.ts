import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl } from '../../electron/security';

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
