import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/security.ts';

/** The Content-Security-Policy in the page too, besides the header: it holds wherever the page is loaded. */
function contentSecurityPolicy(): Plugin {
  // frame-ancestors only works as a header; in a meta tag the browser ignores it with a warning.
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'flowmap-content-security-policy',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' },
    ],
  };
}

// The window: built from renderer/ into dist/renderer, loaded from app:// in the desktop app and
// from the local server in browser mode; relative paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
