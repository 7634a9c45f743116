/**
 * @module designer/flows/simulate/start-simulation
 * Builds a simulation from its setup: the run's record (the sample data on the copied record, or
 * on a sample record owned by the initiator), the account teams and subflow records it needs
 * (read from the server), the org directory (with stand-ins if asked), the workspace's calendar
 * and the start time.
 */
import type { JsonObject, RecordSnapshot } from "../../../../engine/flows/index.ts";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import type { ApiClient } from "../../api/client.ts";
import { orgSnapshotOf, simulationDirectory } from "./sample-data.ts";
import { loadRunContext, SAMPLE_RECORD_ID, snapshotOf, type Workspace } from "./simulate-api.ts";
import { createSimulation, type Simulation } from "./simulation.ts";

/** What a simulation starts from, as the setup form edits it. */
export interface SimulationSettings {
  /** The real record whose data was copied, if one was. */
  source: string | undefined;
  data: JsonObject;
  initiator: string | undefined;
  /** The start time, as a datetime-local input's text; now when it does not parse. */
  startAt: string;
  standIns: boolean;
}

/** A simulation of `definition`, created but not started. */
export async function createSimulationFrom(
  api: ApiClient,
  definition: FlowDefinition,
  workspace: Workspace,
  settings: SimulationSettings,
): Promise<Simulation> {
  const { source, data, initiator, startAt, standIns } = settings;
  const picked = workspace.records.find((r) => r.id === source);
  const record: RecordSnapshot | null = definition.form
    ? {
        ...(picked ? snapshotOf(picked) : { id: SAMPLE_RECORD_ID, form: definition.form }),
        data: data as RecordSnapshot["data"],
        ...(picked?.ownerId ? {} : initiator ? { owner: initiator } : {}),
      }
    : null;
  const context = await loadRunContext(
    api,
    [definition, ...Object.values(workspace.flows)],
    record,
  );
  const directory = simulationDirectory(
    orgSnapshotOf({
      users: workspace.users,
      roles: workspace.roles,
      teams: workspace.teams,
      accountTeams: context.accountTeams,
    }),
    standIns,
  );
  const startMs = new Date(startAt).getTime();
  return createSimulation({
    definition,
    directory,
    calendar: workspace.calendar,
    startAt: Number.isFinite(startMs) ? startMs : Date.now(),
    record,
    ...(initiator ? { initiator } : {}),
    flows: workspace.flows,
    records: context.records,
  });
}
