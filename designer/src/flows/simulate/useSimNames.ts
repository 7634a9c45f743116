/**
 * @module designer/flows/simulate/useSimNames
 * How a run is shown to people: the users to pick among, people's names (stand-ins said so), node
 * labels, and times in the workspace calendar's time zone and the UI's language.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { type Language, localized } from "../../i18n/language.ts";
import type { Namer } from "./log-text.ts";
import { STAND_IN } from "./sample-data.ts";
import type { Workspace } from "./simulate-api.ts";

/** The names of a simulation of `definition` on `workspace` (none but ids while it loads). */
export function useSimNames(definition: FlowDefinition, workspace: Workspace | undefined) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const userOptions = useMemo(
    () => (workspace?.users ?? []).map((u) => ({ value: u.id, label: u.name })),
    [workspace],
  );
  const names = useMemo(() => new Map(userOptions.map((o) => [o.value, o.label])), [userOptions]);
  const nodeLabels = useMemo(
    () => new Map(definition.nodes.map((n) => [n.id, localized(n.label, language) || n.id])),
    [definition, language],
  );
  const timeZone = workspace?.timeZone ?? "Asia/Shanghai";
  const format = useMemo(
    () =>
      new Intl.DateTimeFormat(language, {
        timeZone,
        weekday: "short",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }),
    [language, timeZone],
  );
  const personName = (id: unknown) => {
    const text = String(id ?? "");
    if (text.startsWith(STAND_IN)) return t("simulate.standIn", { spec: text.slice(1) });
    return names.get(text) ?? text;
  };
  const namer: Namer = {
    node: (id) => (id ? (nodeLabels.get(id) ?? id) : ""),
    users: (ids) =>
      (ids ?? [])
        .filter((id) => id !== undefined)
        .map(personName)
        .join(", "),
    time: (ms) => format.format(ms),
    text: (value) =>
      typeof value === "string" ? value : localized(value, language) || JSON.stringify(value),
  };
  return { userOptions, timeZone, format, personName, namer };
}

/** The names of a simulation, as `useSimNames` gives them. */
export type SimNames = ReturnType<typeof useSimNames>;
