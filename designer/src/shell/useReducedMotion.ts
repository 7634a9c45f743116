/**
 * @module designer/shell/useReducedMotion
 * Follows the operating system's "reduce motion" setting (`prefers-reduced-motion: reduce`), so
 * the root can turn antd's animations off for people who get dizzy from zooming dialogs and
 * sliding drawers (WCAG 2.3.3). It changes live when the setting does.
 */
import { useSyncExternalStore } from "react";

const QUERY = "(prefers-reduced-motion: reduce)";

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== "function") return () => {};
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", onChange);
  return () => media.removeEventListener("change", onChange);
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia(QUERY).matches;
}

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, prefersReducedMotion, () => false);
}
