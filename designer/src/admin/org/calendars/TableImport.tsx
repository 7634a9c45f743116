/**
 * @module designer/admin/org/calendars/TableImport
 * Imports a yearly holiday table into a calendar: a CSV file or pasted text, summarised before it
 * is sent, confirmed when the calendar has unsaved edits, refused lines shown with their issues.
 */
import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, Flex, Input, Popconfirm, Tag, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../app-context.tsx";
import { type CalendarDocument, issuesByLine, tableSummary } from "../calendar-model.ts";
import { useWrite } from "../org-ui.tsx";
import { ImportProblem } from "./ImportProblem.tsx";

/** Import of a yearly table: a CSV file or pasted text, refused lines shown with their issues. */
export function TableImport({
  path,
  dirty,
  onImported,
}: {
  path: string;
  dirty: boolean;
  onImported(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const write = useWrite();
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string>();
  const summary = tableSummary(csv);
  const byLine = issuesByLine(write.problem);

  const run = () =>
    write.run(() => api.post<{ calendar: CalendarDocument }>(path, { csv }), {
      done: () => {
        void message.success(
          t("adminOrg.calendars.imported", {
            holidays: summary.holidays,
            makeUp: summary.makeUp,
            years: summary.years.join(", "),
          }),
        );
        setCsv("");
        setFileName(undefined);
        onImported();
      },
    });

  const importButton = (
    <Button
      type="primary"
      icon={<UploadOutlined />}
      disabled={!csv.trim()}
      loading={write.busy}
      onClick={dirty ? undefined : run}
      data-testid="calendar-import"
    >
      {t("adminOrg.calendars.import")}
    </Button>
  );

  return (
    <Card
      size="small"
      title={t("adminOrg.calendars.importTitle")}
      data-testid="calendar-import-card"
    >
      <Typography.Paragraph type="secondary">
        {t("adminOrg.calendars.importHint")}
      </Typography.Paragraph>
      <Typography.Paragraph>
        <code>date,type,name,name_en</code>
        <br />
        <code>2026-10-01,休,国庆节,National Day</code>
        <br />
        <code>2026-10-10,班,国庆节调休,National Day make-up day</code>
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center" className="admin-org-toolbar">
        <Upload
          accept=".csv,text/csv,text/plain"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void file.text().then((text) => {
              setCsv(text);
              setFileName(file.name);
              write.clear();
            });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="calendar-import-file">
            {t("adminOrg.calendars.chooseFile")}
          </Button>
        </Upload>
        {fileName && <Tag>{fileName}</Tag>}
      </Flex>
      <Input.TextArea
        rows={6}
        value={csv}
        onChange={(e) => {
          setCsv(e.target.value);
          write.clear();
        }}
        placeholder={t("adminOrg.calendars.pastePlaceholder")}
        aria-label={t("adminOrg.calendars.pastePlaceholder")}
        data-testid="calendar-import-text"
      />
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        {dirty ? (
          <Popconfirm
            title={t("adminOrg.calendars.importDirty")}
            onConfirm={run}
            okText={t("adminOrg.calendars.import")}
            cancelText={t("adminOrg.cancel")}
          >
            {importButton}
          </Popconfirm>
        ) : (
          importButton
        )}
        {csv.trim() && (
          <Typography.Text type="secondary" data-testid="calendar-import-summary">
            {t("adminOrg.calendars.importSummary", {
              holidays: summary.holidays,
              makeUp: summary.makeUp,
              years: summary.years.join(", ") || "—",
            })}
          </Typography.Text>
        )}
      </Flex>
      {write.problem && (
        <div style={{ marginTop: 12 }} data-testid="calendar-import-problem">
          <ImportProblem problem={write.problem} csv={csv} byLine={byLine} />
        </div>
      )}
    </Card>
  );
}
