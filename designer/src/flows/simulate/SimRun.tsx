/**
 * @module designer/flows/simulate/SimRun
 * A running simulation: the clock bar, the graph with where the run is and the path it took, the
 * side panel of what it waits for, and the log.
 */
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { ClockBar } from "./ClockBar.tsx";
import { SimGraph } from "./SimGraph.tsx";
import { SimLog } from "./SimLog.tsx";
import { SimTaskPanel } from "./SimTaskPanel.tsx";
import type { SampleField } from "./sample-data.ts";
import type { Simulation, SimulationView } from "./simulation.ts";
import type { SimNames } from "./useSimNames.ts";

/** The run of `sim` as `view` shows it; `onRefresh` redraws it after `sim` changed. */
export function SimRun({
  definition,
  sim,
  view,
  fields,
  names,
  onRefresh,
  onRestart,
}: {
  definition: FlowDefinition;
  sim: Simulation;
  view: SimulationView;
  fields: readonly SampleField[];
  names: SimNames;
  onRefresh: () => void;
  onRestart: () => void;
}) {
  const status = view.state.status;
  return (
    <div className="kam-sim-run" data-testid="sim-run" data-status={status}>
      <ClockBar
        view={view}
        format={names.format}
        timeZone={names.timeZone}
        onAdvance={(ms) => {
          sim.advance(ms);
          onRefresh();
        }}
        onNext={() => {
          sim.advanceToNextTimer();
          onRefresh();
        }}
        next={sim.nextTimer()?.dueAt}
        onRestart={onRestart}
      />
      <div className="kam-sim-main">
        <SimGraph
          definition={definition}
          activeNodes={view.activeNodes}
          visited={view.visited}
          takenEdges={view.takenEdges}
        />
        <SimTaskPanel sim={sim} view={view} fields={fields} names={names} onRefresh={onRefresh} />
      </div>
      <SimLog view={view} namer={names.namer} format={names.format} />
    </div>
  );
}
