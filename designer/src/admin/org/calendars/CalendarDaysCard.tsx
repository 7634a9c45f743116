/**
 * @module designer/admin/org/calendars/CalendarDaysCard
 * The holidays and make-up working days (调休) of a calendar, one year at a time: a month
 * calendar with the marked days, the day editor for the selected date, the year's list (refused
 * entries marked), and the year's export as a CSV table.
 */
import { DownloadOutlined } from "@ant-design/icons";
import { Button, Calendar, Card, Flex, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { type Dispatch, type SetStateAction, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProblemIssue } from "../../../api/problem.ts";
import { type Language, localized } from "../../../i18n/language.ts";
import {
  type CalendarDraft,
  dayKind,
  entriesOfYear,
  entryOf,
  setDay,
  tableOf,
  yearsOf,
} from "../calendar-model.ts";
import { DayEditor } from "./DayEditor.tsx";
import { downloadCsv } from "./download-csv.ts";
import { YearList } from "./YearList.tsx";

/** Edits the days of `draft`; read-only (no day editor, no removal) unless `canWrite`. */
export function CalendarDaysCard({
  draft,
  setDraft,
  canWrite,
  issues,
}: {
  draft: CalendarDraft;
  setDraft: Dispatch<SetStateAction<CalendarDraft>>;
  canWrite: boolean;
  /** The last refused save's issues, by the date they point at. */
  issues: Map<string, ProblemIssue[]>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const thisYear = dayjs().year();
  const years = yearsOf(draft, [thisYear, thisYear + 1]);
  const [year, setYear] = useState(() =>
    years.includes(thisYear) ? thisYear : (years.at(-1) ?? thisYear),
  );
  const [selected, setSelected] = useState<Dayjs>(() =>
    dayjs(`${year}-${String(dayjs().month() + 1).padStart(2, "0")}-01`),
  );

  return (
    <Card
      size="small"
      title={t("adminOrg.calendars.days")}
      extra={
        <Flex gap={8} align="center">
          <Select
            aria-label={t("adminOrg.calendars.year")}
            value={year}
            onChange={(y) => {
              setYear(y);
              setSelected((s) => s.year(y));
            }}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            data-testid="calendar-year"
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={() => downloadCsv(`holidays-${year}.csv`, tableOf(draft, year))}
          >
            {t("adminOrg.calendars.export")}
          </Button>
        </Flex>
      }
    >
      <div className="admin-org-calendar">
        <div>
          <Calendar
            fullscreen={false}
            value={selected}
            onSelect={(date) => {
              setSelected(date);
              if (date.year() !== year) setYear(date.year());
            }}
            fullCellRender={(date, info) => {
              if (info.type !== "date") return info.originNode;
              const iso = date.format("YYYY-MM-DD");
              const kind = dayKind(draft, iso);
              return (
                <div
                  className="ant-picker-cell-inner ant-picker-calendar-date admin-org-cell"
                  data-date={iso}
                  data-kind={kind}
                  title={localized(entryOf(draft, iso)?.name, language) || undefined}
                >
                  <span className={kind === "rest" ? "admin-org-rest" : undefined}>
                    {date.date()}
                  </span>
                  {(kind === "holiday" || kind === "makeUp") && (
                    <span className="admin-org-cell-mark" data-kind={kind}>
                      {kind === "holiday"
                        ? t("adminOrg.calendars.markHoliday")
                        : t("adminOrg.calendars.markMakeUp")}
                    </span>
                  )}
                </div>
              );
            }}
          />
          <Typography.Paragraph type="secondary">
            <span className="admin-org-day" data-kind="holiday">
              {t("adminOrg.calendars.markHoliday")}
            </span>{" "}
            {t("adminOrg.calendars.holiday")}{" "}
            <span className="admin-org-day" data-kind="makeUp">
              {t("adminOrg.calendars.markMakeUp")}
            </span>{" "}
            {t("adminOrg.calendars.makeUp")}
          </Typography.Paragraph>
        </div>
        <div>
          {canWrite && (
            <DayEditor
              key={selected.format("YYYY-MM-DD")}
              draft={draft}
              date={selected}
              onDate={(d) => {
                setSelected(d);
                if (d.year() !== year) setYear(d.year());
              }}
              onApply={(date, kind, name) => setDraft((d) => setDay(d, date, kind, name))}
            />
          )}
          <YearList
            entries={entriesOfYear(draft, year)}
            issues={issues}
            canWrite={canWrite}
            onPick={(date) => setSelected(dayjs(date))}
            onRemove={(date) => setDraft((d) => setDay(d, date, "none"))}
          />
        </div>
      </div>
    </Card>
  );
}
