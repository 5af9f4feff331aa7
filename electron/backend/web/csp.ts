/**
 * The Content-Security-Policy of the renderer, the same in the Electron window and in the headless
 * studio: scripts only from Ciclo's own files (no inline script, no eval), no plugins, no framing,
 * network only to its own origin (the API). Inline styles are allowed because the chart library
 * (Plotly) and React's style props set them; styles cannot run code.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
