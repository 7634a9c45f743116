/**
 * @module designer/i18n
 * The i18next instance of the designer: every user-facing string comes from the dictionaries of
 * `messages.ts` (a unit test keeps their keys equal). The chosen language is stored so a reload keeps it.
 */
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { initialLanguage, LANGUAGE_KEY, type Language } from "./language.ts";
import { messages } from "./messages.ts";

/** Reads localStorage, which throws in some private modes. */
function storedLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

/** Creates and initialises the designer's i18next instance. */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: {
      "zh-CN": { translation: messages["zh-CN"] },
      en: { translation: messages.en },
    },
    lng: initialLanguage(storedLanguage(), navigator.language),
    fallbackLng: "zh-CN",
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false,
  });
  return instance;
}

/** Switches the language and remembers the choice. */
export function chooseLanguage(instance: i18n, language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Not stored (private mode): the choice lasts this page only.
  }
  void instance.changeLanguage(language);
  document.documentElement.lang = language;
}
