/**
 * @module runtime/jobs/sample-writer
 * Sample data's writes (runtime/template-sample) inside one transaction — a chunk of the
 * `template-install` job — so a chunk's people or records commit together with the job's
 * progress, and a crash mid-chunk leaves neither. The org writes are runtime/org's, in the
 * chunk's transaction; the org directory cache is dropped by the job once the chunk has committed.
 */
import { insertMembership } from "../../store/index.ts";
import type { Runtime, Trx } from "../context.ts";
import { addAccountTeamMemberIn, createTeamIn, createUserIn, grantRoleIn } from "../org.ts";
import { createRecord } from "../records.ts";
import { type SampleWriter, sampleLookups } from "../template-sample.ts";

/** A writer over `trx` in workspace `ws`. */
export function trxSampleWriter(rt: Runtime, trx: Trx, ws: string): SampleWriter {
  const now = () => rt.clock.now();
  const orgChanged = () => rt.changes.note(trx, { type: "org.changed", workspaceId: ws });
  return {
    ...sampleLookups(trx, ws),
    createUser: (user) => {
      orgChanged();
      return createUserIn(rt, trx, ws, user);
    },
    createTeam: (team) => {
      orgChanged();
      return createTeamIn(rt, trx, ws, team);
    },
    addMembership: (membership) => {
      orgChanged();
      return insertMembership(trx, { workspaceId: ws, ...membership, now: now() });
    },
    grantRole: (grant) => {
      orgChanged();
      return grantRoleIn(rt, trx, ws, grant);
    },
    createRecord: async (form, data, acting) =>
      (
        await createRecord(rt, trx, {
          workspaceId: ws,
          form,
          data,
          actor: acting.actor,
          ownerId: acting.ownerId ?? acting.actor,
          teamId: acting.teamId ?? null,
        })
      ).id,
    addAccountTeamMember: (member) => addAccountTeamMemberIn(rt, trx, ws, member),
  };
}
