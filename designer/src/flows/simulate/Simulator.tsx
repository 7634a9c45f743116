/**
 * @module designer/flows/simulate/Simulator
 * The simulator: a sample record (generated from the record form, or copied from a real record)
 * and who starts the flow (./SimSetup), then the run (./SimRun) — the graph with where the run is
 * and the path it took, the open tasks with a button per outcome their node allows, webhook calls
 * to answer, the simulated clock, and the log. Restarting goes back to the setup as it was.
 * Everything happens in memory (./simulation.ts); the server is only read.
 */
import { Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { useApi } from "../../app-context.tsx";
import { SimRun } from "./SimRun.tsx";
import { SimSetup } from "./SimSetup.tsx";
import type { Simulation, SimulationView } from "./simulation.ts";
import { createSimulationFrom } from "./start-simulation.ts";
import { useSimNames } from "./useSimNames.ts";
import { useSimulationSetup } from "./useSimulationSetup.ts";

/** The simulator of `definition`: its setup until a run starts, then the run. */
export function Simulator({ definition }: { definition: FlowDefinition }) {
  const { t } = useTranslation();
  const api = useApi();
  const setup = useSimulationSetup(definition);
  const { workspace } = setup;
  const names = useSimNames(definition, workspace);
  const sim = useRef<Simulation | null>(null);
  const [view, setView] = useState<SimulationView>();
  const [starting, setStarting] = useState(false);

  if (!workspace)
    return <Typography.Text type="secondary">{t("simulate.loading")}</Typography.Text>;

  const refresh = () => setView(sim.current?.view());

  const start = async () => {
    setStarting(true);
    try {
      sim.current = await createSimulationFrom(api, definition, workspace, setup);
      sim.current.start();
      refresh();
    } finally {
      setStarting(false);
    }
  };

  if (!view || !sim.current) {
    return (
      <SimSetup
        definition={definition}
        workspace={workspace}
        setup={setup}
        userOptions={names.userOptions}
        starting={starting}
        onStart={() => void start()}
      />
    );
  }

  return (
    <SimRun
      definition={definition}
      sim={sim.current}
      view={view}
      fields={setup.fields}
      names={names}
      onRefresh={refresh}
      onRestart={() => {
        sim.current = null;
        setView(undefined);
      }}
    />
  );
}
