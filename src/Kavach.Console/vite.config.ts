import { defineConfig } from 'vite';

// Everything the page needs is a file served by the key manager under /console/: no inline script or style, no data:
// URIs (the content security policy allows only 'self'), no request to another origin but the ones the operator
// configures (the OIDC provider and the device server).
export default defineConfig({
  base: '/console/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
});
