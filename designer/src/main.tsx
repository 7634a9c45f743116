/**
 * @module designer/main
 * Boots the designer. The server puts a fresh CSP nonce in `<meta property="csp-nonce">` of each
 * page (server/http/designer.ts); antd needs it for the `<style>` elements it injects. The
 * nonce is read from the element's `nonce` property: browsers hide the attribute once parsed.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./App.tsx";
import { createI18n } from "./i18n/index.ts";
import { stampStyleNonce } from "./style-nonce.ts";
import "./app.css";

const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
const nonce = meta?.nonce || undefined;
if (nonce) stampStyleNonce(nonce);
const i18n = createI18n();
document.documentElement.lang = i18n.language;

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App nonce={nonce} />
    </I18nextProvider>
  </StrictMode>,
);
