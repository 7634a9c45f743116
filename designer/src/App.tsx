/**
 * @module designer/App
 * The root: antd in the UI's language (zh-CN or en, following i18next) with the page's CSP nonce
 * for the styles antd injects, the per-app services, and the router. Animations are off when the
 * system asks for reduced motion.
 */
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { AppServices } from "./app-context.tsx";
import { createRouter } from "./router.tsx";
import { useReducedMotion } from "./shell/useReducedMotion.ts";

export function App({ nonce }: { nonce: string | undefined }) {
  const { i18n } = useTranslation();
  const [router] = useState(createRouter);
  const zh = i18n.language === "zh-CN";
  const reducedMotion = useReducedMotion();
  useEffect(() => {
    dayjs.locale(zh ? "zh-cn" : "en");
    document.documentElement.lang = i18n.language;
  }, [zh, i18n.language]);
  return (
    <ConfigProvider
      locale={zh ? zhCN : enUS}
      csp={nonce ? { nonce } : {}}
      theme={{ cssVar: {}, token: { motion: !reducedMotion } }}
    >
      <AntApp>
        <AppServices>
          <RouterProvider router={router} />
        </AppServices>
      </AntApp>
    </ConfigProvider>
  );
}
