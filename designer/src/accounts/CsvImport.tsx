/**
 * @module designer/accounts/CsvImport
 * Imports a CSV file of accounts as a job (POST /jobs/record-import): the file is read in the
 * browser, sent with its form, and the job's progress is followed until it ends (live job events
 * and, as a fallback, polling); the result lists the rows refused with their pointers.
 */
import { UploadOutlined } from "@ant-design/icons";
import { Alert, Button, List, Modal, Progress, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiProblem, isApiProblem, toProblem } from "../api/problem.ts";
import { useApi, useLiveEvent } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";

interface Job {
  readonly id: string;
  readonly status: string;
  readonly done: number;
  readonly total: number | null;
  readonly result?: {
    readonly imported?: number;
    readonly failed?: number;
    readonly errors?: ReadonlyArray<{
      readonly line: number;
      readonly issues: ReadonlyArray<{ pointer: string; message: string }>;
    }>;
  } | null;
  readonly error?: { message: string } | null;
}

const ENDED = new Set(["succeeded", "failed", "cancelled"]);

export function CsvImport({ form, onImported }: { form: string; onImported(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [job, setJob] = useState<Job>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);

  useLiveEvent("job", (event) => {
    if ((event.data as { jobId?: string } | null)?.jobId === job?.id) setTick((n) => n + 1);
  });

  // Follows the job: on each live event, and every second in case events are not connected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick re-reads on a live event
  useEffect(() => {
    if (!job || ENDED.has(job.status)) return;
    const timer = setTimeout(() => {
      api.get<{ job: Job }>(`/api/v1/jobs/${job.id}`).then(
        (reply) => {
          setJob(reply.job);
          if (reply.job.status === "succeeded") onImported();
        },
        (error: unknown) => setProblem(isApiProblem(error) ? error : undefined),
      );
    }, 1000);
    return () => clearTimeout(timer);
  }, [api, job, tick]);

  const start = async (file: File) => {
    setProblem(undefined);
    setJob(undefined);
    setOpen(true);
    try {
      const csv = await file.text();
      const reply = await api.post<{ job: Job }>("/api/v1/jobs/record-import", { form, csv });
      setJob(reply.job);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  const percent = job?.total
    ? Math.round((job.done / job.total) * 100)
    : job?.status === "succeeded"
      ? 100
      : 0;
  const errors = job?.result?.errors ?? [];
  return (
    <>
      <Upload
        accept=".csv,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          void start(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} data-testid="import-csv">
          {t("accounts.import")}
        </Button>
      </Upload>
      <Modal
        open={open}
        title={t("accounts.importTitle")}
        footer={<Button onClick={() => setOpen(false)}>{t("accounts.close")}</Button>}
        onCancel={() => setOpen(false)}
      >
        {problem && <ProblemAlert problem={problem} />}
        {job && (
          <div data-testid="import-progress" data-status={job.status}>
            <Progress
              percent={percent}
              status={
                job.status === "failed"
                  ? "exception"
                  : job.status === "succeeded"
                    ? "success"
                    : "active"
              }
            />
            <Typography.Paragraph>
              {t(`accounts.jobStatus.${job.status}`, { defaultValue: job.status })} ·{" "}
              {t("accounts.importCounts", { done: job.done, total: job.total ?? "?" })}
            </Typography.Paragraph>
            {job.result && (
              <Typography.Paragraph data-testid="import-summary">
                {t("accounts.importSummary", {
                  imported: job.result.imported ?? 0,
                  failed: job.result.failed ?? 0,
                })}
              </Typography.Paragraph>
            )}
            {job.error && <Alert type="error" showIcon title={job.error.message} />}
            {errors.length > 0 && (
              <List
                size="small"
                header={t("accounts.importErrors", { count: errors.length })}
                dataSource={[...errors].slice(0, 50)}
                renderItem={(row) => (
                  <List.Item>
                    {t("accounts.importLine", { line: row.line })}:{" "}
                    {row.issues.map((i) => `${i.pointer} ${i.message}`).join("; ")}
                  </List.Item>
                )}
              />
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
