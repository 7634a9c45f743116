/**
 * @module designer/flows/simulate/useSimulationSetup
 * What a simulation starts from, kept while runs are restarted: the workspace it reads (loaded
 * once per opened simulator), the sample record (generated from the record form, or copied from a
 * real record), the real records reference fields may pick, who starts the flow, when, and
 * whether unresolved approvers get stand-ins.
 */
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { JsonObject } from "../../../../engine/flows/index.ts";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { useApi, useSession } from "../../app-context.tsx";
import type { Language } from "../../i18n/language.ts";
import { sampleFields, sampleRecordData } from "./sample-data.ts";
import { localInput, MIN } from "./sim-clock.ts";
import { loadWorkspace, type Workspace } from "./simulate-api.ts";

/** The setup of a simulation of `definition`, and its setters; `workspace` is unset while loading. */
export function useSimulationSetup(definition: FlowDefinition) {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const me = useSession((s) => s.me?.user.id);
  const [workspace, setWorkspace] = useState<Workspace>();
  const [data, setData] = useState<JsonObject>({});
  const [source, setSource] = useState<string>();
  const [initiator, setInitiator] = useState<string>();
  const [startAt, setStartAt] = useState(() => localInput(Math.floor(Date.now() / MIN) * MIN));
  const [standIns, setStandIns] = useState(true);
  const [references, setReferences] = useState<Record<string, { value: string; label: string }[]>>(
    {},
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per opened simulator
  useEffect(() => {
    let current = true;
    void loadWorkspace(api, definition).then((loaded) => {
      if (!current) return;
      setWorkspace(loaded);
      const fields = sampleFields(loaded.form, language);
      setData(
        sampleRecordData(fields, {
          today: new Date().toISOString().slice(0, 10),
          users: loaded.users.map((u) => u.id),
        }),
      );
      setInitiator(me ?? loaded.users[0]?.id);
      // Reference fields pick among real records of their form (read only).
      for (const field of fields.filter((f) => f.refForm)) {
        void api
          .get<{ items: Array<{ id: string; data: Record<string, unknown> }> }>(
            `/api/v1/records?form=${encodeURIComponent(field.refForm ?? "")}&limit=50`,
          )
          .then(
            (reply) =>
              current &&
              setReferences((r) => ({
                ...r,
                [field.name]: reply.items.map((item) => ({
                  value: item.id,
                  label: String(item.data.name ?? item.data.title ?? item.id),
                })),
              })),
            () => undefined,
          );
      }
    });
    return () => {
      current = false;
    };
  }, [api, definition]);

  const fields = useMemo(() => sampleFields(workspace?.form, language), [workspace, language]);
  return {
    workspace,
    fields,
    references,
    data,
    setData,
    source,
    setSource,
    initiator,
    setInitiator,
    startAt,
    setStartAt,
    standIns,
    setStandIns,
  };
}

/** The setup of a simulation, as `useSimulationSetup` keeps it. */
export type SimulationSetup = ReturnType<typeof useSimulationSetup>;
