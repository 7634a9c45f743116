/**
 * @module cli/retier-command
 * `kamflow retier <model> [--workspace <id>]`: re-evaluates a published tier model for every
 * record of its form — the evaluate-all job the API queues, run here to the end in this process,
 * with a progress bar. Tier changes are recorded (and start the flows listening for them) as any
 * evaluation does. Chunks commit with the job's progress, so an interrupted run resumes.
 */
import {
  type Command,
  DATABASE_HELP,
  databaseOf,
  EXIT,
  parseCommand,
  reportFailure,
  UsageError,
} from "./command.ts";
import { createProgress, type Progress } from "./terminal.ts";

const HELP = `Usage: kamflow retier <model> [--workspace <id>] [--database-url <url>]

Re-evaluates the tier model <model> (its latest published version) for every record of its
form, and records each change in the records' tier history. Shows a progress bar on a terminal,
progress lines otherwise.

Options:
  --workspace <id>       the workspace (may be left out when the database holds only one)
${DATABASE_HELP}
  -h, --help             show this help

Exit codes: 0 done, 1 no such model or the job failed, 2 wrong usage.`;

export const retierCommand: Command = {
  name: "retier",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      workspace: { type: "string" },
      "database-url": { type: "string" },
    });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError("Name one tier model to re-evaluate.");
    const model = positionals[0] as string;
    try {
      const { withEngine, resolveWorkspace } = await import("./engine-session.ts");
      return await withEngine(databaseOf(values, io), io, async (engine) => {
        const ws = await resolveWorkspace(engine, values.workspace);
        if (!ws) {
          io.err("error: the database holds no workspace.");
          return EXIT.failure;
        }
        const queued = await engine.jobs.evaluateAll(ws, model);
        let progress: Progress | undefined;
        const started = performance.now();
        await engine.jobs.run({
          onProgress: (job) => {
            if (job.id !== queued.id) return;
            progress ??= createProgress(io, { total: job.total ?? 0, label: "records" });
            progress.update(job.done);
          },
        });
        progress?.finish();
        const job = await engine.jobs.get(ws, queued.id);
        if (job?.status !== "succeeded") {
          io.err(
            `error: the job ended ${job?.status ?? "missing"}: ${JSON.stringify(job?.result)}`,
          );
          return EXIT.failure;
        }
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        io.out(
          `re-evaluated ${model} for ${job.done} records in ${seconds} s: ${JSON.stringify(job.result)}`,
        );
        return EXIT.ok;
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return reportFailure(io, error);
    }
  },
};
