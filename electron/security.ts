/**
 * The security policy shared by the desktop window and the browser mode: one Content-Security-Policy,
 * which URLs the window may show, and which links it may open in the user's browser.
 */

/**
 * Scripts and everything else from the app itself only; no inline script, no frames, no forms.
 * The one connection elsewhere: the facilitator's window joins its live session on 127.0.0.1.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every response of the app carries. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** The desktop app's own origin: the window loads `app://flowmap/…` and nothing else. */
export const APP_ORIGIN = 'app://flowmap';

/** Whether the window may go to `url`: only the app's own pages (in-page anchors included). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'flowmap';
  } catch {
    return false;
  }
}

/**
 * The web pages the app itself links to, which the desktop window opens in the user's browser; any
 * other URL a page asks to open goes nowhere. None today: the window shows no link to the web. A
 * link added to the window is added here too (a test compares this list with the window's links).
 */
export const EXTERNAL_LINKS: readonly string[] = [];

/** Whether `url` is exactly one of `links` (by default the app's own), on https. */
export function isExternalLink(url: string, links: readonly string[] = EXTERNAL_LINKS): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && links.includes(parsed.href);
  } catch {
    return false;
  }
}
