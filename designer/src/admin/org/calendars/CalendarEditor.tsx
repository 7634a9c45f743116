/**
 * @module designer/admin/org/calendars/CalendarEditor
 * One calendar being edited: save (PUT, the refused entries pointed at) and revert, its working
 * time, its holidays and make-up days, and the import of a yearly table for a saved calendar.
 */
import { Button, Flex, Space, Tag } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../../app-context.tsx";
import { ProblemAlert } from "../../../components/ProblemAlert.tsx";
import {
  type CalendarDocument,
  type CalendarDraft,
  documentOf,
  draftOf,
  issuesByDate,
} from "../calendar-model.ts";
import { useWrite } from "../org-ui.tsx";
import { CalendarDaysCard } from "./CalendarDaysCard.tsx";
import { TableImport } from "./TableImport.tsx";
import { WorkingTimeCard } from "./WorkingTimeCard.tsx";

/** One calendar: working time, the year's holidays and make-up days, save and import. */
export function CalendarEditor({
  path,
  named,
  doc,
  canWrite,
  isNew,
  onSaved,
}: {
  path: string;
  named: boolean;
  doc: CalendarDocument;
  canWrite: boolean;
  isNew: boolean;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const save = useWrite();
  const [draft, setDraft] = useState<CalendarDraft>(() => draftOf(doc));
  const [sent, setSent] = useState<CalendarDocument>();
  const original = useMemo(() => JSON.stringify(documentOf(draftOf(doc))), [doc]);
  const dirty = isNew || JSON.stringify(documentOf(draft)) !== original;
  const byDate = issuesByDate(save.problem, sent);

  const doSave = () => {
    const body = documentOf(draft);
    setSent(body);
    return save.run(() => api.put(path, body), {
      success: t("adminOrg.calendars.saved"),
      done: onSaved,
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      {save.problem && (
        <div data-testid="calendar-problem">
          <ProblemAlert problem={save.problem} />
        </div>
      )}
      {canWrite && (
        <Flex gap={8} wrap align="center">
          <Button
            type="primary"
            onClick={doSave}
            disabled={!dirty}
            loading={save.busy}
            data-testid="calendar-save"
          >
            {t("adminOrg.calendars.save")}
          </Button>
          <Button
            onClick={() => {
              setDraft(draftOf(doc));
              save.clear();
            }}
            disabled={!dirty || isNew}
          >
            {t("adminOrg.calendars.revert")}
          </Button>
          {dirty && <Tag color="orange">{t("adminOrg.calendars.unsaved")}</Tag>}
        </Flex>
      )}

      <WorkingTimeCard
        draft={draft}
        setDraft={setDraft}
        named={named}
        canWrite={canWrite}
        problem={save.problem}
      />

      <CalendarDaysCard draft={draft} setDraft={setDraft} canWrite={canWrite} issues={byDate} />

      {canWrite && !isNew && (
        <TableImport path={`${path}/import`} dirty={dirty} onImported={onSaved} />
      )}
    </Space>
  );
}
