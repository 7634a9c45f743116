/**
 * @module designer/shell/LanguageSwitch
 * The header's language switch (zh-CN ↔ en); the choice is remembered across visits.
 */
import { TranslationOutlined } from "@ant-design/icons";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { chooseLanguage } from "../i18n/index.ts";
import { LANGUAGES, type Language } from "../i18n/language.ts";

/** Each language named in itself, so a reader of the other one can find theirs. */
const NAMES: Record<Language, string> = { "zh-CN": "简体中文", en: "English" };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      aria-label={t("header.language")}
      data-testid="language-switch"
      value={i18n.language as Language}
      onChange={(language) => chooseLanguage(i18n, language)}
      options={LANGUAGES.map((value) => ({ value, label: NAMES[value] }))}
      prefix={<TranslationOutlined aria-hidden />}
      variant="borderless"
      popupMatchSelectWidth={false}
    />
  );
}
