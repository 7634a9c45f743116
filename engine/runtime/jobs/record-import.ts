/**
 * @module runtime/jobs/record-import
 * CSV import of records as a job. When the job is created the file is parsed and its header
 * checked against the form (a problem there refuses the request, with a pointer to the line and
 * column); the rows are then imported a chunk at a time. Each row is converted by the form's field
 * types (csv/records), validated by the form's latest published version, and created as the
 * records API creates it: audited, tier models evaluated, `record.created` triggers fired, owned
 * by the job's creator in their team.
 *
 * A row the form refuses is reported with its line and issues, and the others are imported. With
 * `allOrNothing`, every row is checked first and the file is imported in one transaction, or not
 * at all when any row is refused.
 */
import { type CsvRow, parseCsv } from "../../csv/parse.ts";
import { type CsvColumn, csvColumns, csvRecord } from "../../csv/records.ts";
import { DefinitionError, KamError } from "../../errors/index.ts";
import type { CompiledForm } from "../../forms/index.ts";
import { type Db, latestPublished } from "../../store/index.ts";
import type { ClaimedJob } from "../../store/jobs.repo.ts";
import { fault, type Runtime, type Trx } from "../context.ts";
import { createRecord } from "../records.ts";
import { type ImportResult, importResultOf, noteFailed, noteImported } from "./import-result.ts";
import { type ChunkOutcome, itemWrite, type JobKind, type StoredIssue } from "./kinds.ts";

export const RECORD_IMPORT = "record-import";

/** What an import is asked to do. */
export interface RecordImportRequest {
  /** Key of the form the rows are records of. */
  readonly form: string;
  /** The file: a header row of field paths, then one row per record. */
  readonly csv: string;
  /** Import every row or none. @default false */
  readonly allOrNothing?: boolean;
}

/** The job's payload. */
export interface RecordImportPayload {
  readonly form: string;
  readonly csv: string;
  readonly allOrNothing: boolean;
  readonly ownerId: string | null;
  readonly teamId: string | null;
}

interface Parsed {
  readonly header: CsvRow;
  readonly rows: readonly CsvRow[];
}

/** The file's header and data rows. @throws DefinitionError with the line of a broken quote. */
function parseFile(csv: string): Parsed {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new DefinitionError([parsed.issue]);
  const [header, ...rows] = parsed.rows;
  if (!header) throw new KamError("SHAPE_TOO_FEW", "/lines", { limit: 1 });
  return { header, rows };
}

async function compiledForm(rt: Runtime, db: Db, workspaceId: string, form: string) {
  const stored = await latestPublished(db, { workspaceId, kind: "form", key: form });
  if (!stored) throw new KamError("RUNTIME_NOT_PUBLISHED", "/form", { kind: "form", key: form });
  return rt.definitions.form(stored);
}

function columnsFor(form: CompiledForm, header: CsvRow): readonly (CsvColumn | null)[] {
  const columns = csvColumns(header.cells, form.recordSchema);
  if (!columns.ok) throw new DefinitionError(columns.issues);
  return columns.columns;
}

/**
 * Checks a request before its job is queued: the form is published, the file parses and every
 * header names a field. Returns the number of data rows.
 * @throws KamError RUNTIME_NOT_PUBLISHED, or DefinitionError with every header problem.
 */
export async function checkImport(
  rt: Runtime,
  db: Db,
  workspaceId: string,
  request: RecordImportRequest,
): Promise<number> {
  const form = await compiledForm(rt, db, workspaceId, request.form);
  const { header, rows } = parseFile(request.csv);
  columnsFor(form, header);
  return rows.length;
}

type Outcome = { readonly index: number; readonly issues?: readonly StoredIssue[] };

/** The import job. */
export const recordImportJob: JobKind = {
  kind: RECORD_IMPORT,
  open(rt: Runtime, job: ClaimedJob, chunkSize: number) {
    const payload = job.payload as RecordImportPayload;
    const { header, rows } = parseFile(payload.csv);
    const lineBefore = (index: number) => rows[index - 1]?.line;

    function report(state: { result: unknown }, outcomes: readonly Outcome[]): ImportResult {
      const result = importResultOf(state.result);
      for (const { index, issues } of outcomes) {
        const line = (rows[index] as CsvRow).line;
        if (issues) noteFailed(result, line, issues, lineBefore(index));
        else noteImported(result, line, lineBefore(index));
      }
      return result;
    }

    return {
      async chunk(trx: Trx, state, skipped, maxItems = chunkSize): Promise<ChunkOutcome> {
        const ws = job.workspaceId;
        const form = await compiledForm(rt, trx, ws, payload.form);
        const columns = columnsFor(form, header);
        const end = payload.allOrNothing
          ? rows.length
          : Math.min(rows.length, state.done + Math.min(chunkSize, maxItems));
        const outcomes: Outcome[] = [];
        const valid: Array<{ index: number; data: Record<string, unknown> }> = [];
        for (let index = state.done; index < end; index++) {
          const row = rows[index] as CsvRow;
          const earlier = skipped.get(String(index));
          if (earlier) {
            outcomes.push({ index, issues: earlier });
            continue;
          }
          const converted = csvRecord(columns, row.cells);
          const checked = converted.ok ? form.validateRecord(converted.data) : converted;
          if (!checked.ok) {
            const issues = checked.issues.map((i) => ({
              code: i.code,
              pointer: i.pointer,
              params: i.params ?? {},
            }));
            outcomes.push({ index, issues });
            continue;
          }
          outcomes.push({ index });
          valid.push({ index, data: (converted as { data: Record<string, unknown> }).data });
        }
        const refused = outcomes.find((o) => o.issues);
        if (payload.allOrNothing && refused) {
          // Nothing is written: the report lists every refused row, and the job fails.
          const result = report(
            state,
            outcomes.filter((o) => o.issues),
          );
          const first = refused.issues?.[0] as StoredIssue;
          const line = (rows[refused.index] as CsvRow).line;
          return {
            done: end,
            total: state.total,
            progress: state.progress,
            result,
            finished: true,
            failed: { ...first, pointer: `/lines/${line}${first.pointer}` },
          };
        }
        for (const { index, data } of valid) {
          await itemWrite({ key: String(index), position: index - state.done }, () =>
            createRecord(rt, trx, {
              workspaceId: ws,
              form: payload.form,
              data,
              actor: job.createdBy,
              ownerId: payload.ownerId ?? job.createdBy,
              teamId: payload.teamId,
            }),
          );
          fault(rt, "job.item");
        }
        return {
          done: end,
          total: state.total,
          progress: state.progress,
          result: report(state, outcomes),
          finished: end >= rows.length,
        };
      },
    };
  },
};
