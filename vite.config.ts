/**
 * The designer's build: a Vite app rooted at designer/, written to designer/dist and served by the
 * server at `/` (server/http/designer.ts). `html.cspNonce` makes Vite put a placeholder nonce on
 * the page's tags and a `<meta property="csp-nonce">`; the server swaps in a fresh nonce per
 * response, which keeps the Content Security Policy strict (no 'unsafe-inline').
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { NONCE_PLACEHOLDER } from "./server/http/designer.ts";

export default defineConfig({
  root: "designer",
  base: "/",
  plugins: [react()],
  html: { cspNonce: NONCE_PLACEHOLDER },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd alone is ~1 MB before gzip; the warning would fire on every build.
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
  },
  server: {
    port: 5173,
    // `npm start` in another terminal serves the API; the dev server forwards to it.
    proxy: { "/api": { target: "http://127.0.0.1:8787", changeOrigin: false } },
  },
});
