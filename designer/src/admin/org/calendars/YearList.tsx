/**
 * @module designer/admin/org/calendars/YearList
 * The list of a calendar's holidays and make-up days in one year: date (picks it for editing),
 * weekday, kind and name, refused entries marked with the server's issues, and removal.
 */
import { DeleteOutlined } from "@ant-design/icons";
import { Button, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../../../i18n/language.ts";
import type { YearEntry } from "../calendar-model.ts";

/** The year's holidays and make-up days, refused ones marked with the server's issues. */
export function YearList({
  entries,
  issues,
  canWrite,
  onPick,
  onRemove,
}: {
  entries: YearEntry[];
  issues: Map<string, { pointer: string; message: string }[]>;
  canWrite: boolean;
  onPick(date: string): void;
  onRemove(date: string): void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <Table<YearEntry>
      rowKey={(e) => `${e.kind}|${e.date}`}
      size="small"
      data-testid="calendar-year-list"
      pagination={false}
      scroll={{ y: 420 }}
      dataSource={entries}
      locale={{ emptyText: t("adminOrg.calendars.noDays") }}
      rowClassName={(e) => (issues.has(e.date) ? "admin-org-row-issue" : "")}
      columns={[
        {
          title: t("adminOrg.calendars.date"),
          key: "date",
          render: (_, e) => (
            <Button type="link" size="small" onClick={() => onPick(e.date)}>
              {e.date}
            </Button>
          ),
        },
        {
          title: t("adminOrg.calendars.weekday"),
          key: "weekday",
          render: (_, e) => {
            const day = dayjs(e.date).day();
            return t(`adminOrg.weekday.${day === 0 ? 7 : day}`);
          },
        },
        {
          title: t("adminOrg.calendars.type"),
          key: "kind",
          render: (_, e) => (
            <Tag color={e.kind === "holiday" ? "red" : "blue"} data-kind={e.kind}>
              {e.kind === "holiday"
                ? t("adminOrg.calendars.holiday")
                : t("adminOrg.calendars.makeUp")}
            </Tag>
          ),
        },
        {
          title: t("adminOrg.calendars.dayName"),
          key: "name",
          render: (_, e) => (
            <>
              {localized(e.name, language)}
              {(issues.get(e.date) ?? []).map((issue) => (
                <Typography.Text
                  type="danger"
                  key={issue.pointer + issue.message}
                  className="admin-org-issue"
                >
                  <code>{issue.pointer}</code> {issue.message}
                </Typography.Text>
              ))}
            </>
          ),
        },
        ...(canWrite
          ? [
              {
                title: t("adminOrg.actions"),
                key: "actions",
                render: (_: unknown, e: YearEntry) => (
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t("adminOrg.calendars.removeDay", { date: e.date })}
                    onClick={() => onRemove(e.date)}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
