/**
 * @module designer/admin/org/calendars/WorkingTimeCard
 * The working time of a calendar: its zh-CN / en name (named calendars only), time zone, working
 * weekdays and working hours, whose gaps are the breaks (lunch); the day's total and breaks are
 * summed up under them. Fields the server refused are marked.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Flex, Form, Input, Select } from "antd";
import type { Dispatch, SetStateAction } from "react";
import { useTranslation } from "react-i18next";
import type { ApiProblem } from "../../../api/problem.ts";
import type { Language } from "../../../i18n/language.ts";
import { breaksOf, type CalendarDraft, isClock, workingMinutes } from "../calendar-model.ts";
import { fieldStatus } from "../org-ui.tsx";

/** The time zones offered; a calendar's own zone is offered too when it is not among them. */
const ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
];

/** ISO weekdays, Monday = 1. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Edits the working time of `draft`; read-only unless `canWrite`. */
export function WorkingTimeCard({
  draft,
  setDraft,
  named,
  canWrite,
  problem,
}: {
  draft: CalendarDraft;
  setDraft: Dispatch<SetStateAction<CalendarDraft>>;
  /** A named calendar, which has a name; the workspace's has none. */
  named: boolean;
  canWrite: boolean;
  /** The last refused save, whose issues mark the fields. */
  problem: ApiProblem | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const hours = draft.workingHours;
  const setHours = (index: number, part: "start" | "end", value: string) =>
    setDraft((d) => ({
      ...d,
      workingHours: d.workingHours.map((h, i) => (i === index ? { ...h, [part]: value } : h)),
    }));
  const breaks = breaksOf(hours);
  const minutes = workingMinutes(hours);
  const readOnly = !canWrite;
  return (
    <Card size="small" title={t("adminOrg.calendars.workingTime")}>
      <Form layout="vertical" disabled={readOnly}>
        <Flex gap={16} wrap>
          {named && (
            <>
              <Form.Item
                label={t("adminOrg.calendars.nameZh")}
                style={{ minWidth: 200 }}
                {...fieldStatus(problem, "/name")}
              >
                <Input
                  value={draft.name["zh-CN"]}
                  onChange={(e) =>
                    setDraft((d) => ({ ...d, name: { ...d.name, "zh-CN": e.target.value } }))
                  }
                />
              </Form.Item>
              <Form.Item label={t("adminOrg.calendars.nameEn")} style={{ minWidth: 200 }}>
                <Input
                  value={draft.name.en}
                  onChange={(e) =>
                    setDraft((d) => ({ ...d, name: { ...d.name, en: e.target.value } }))
                  }
                />
              </Form.Item>
            </>
          )}
          <Form.Item
            label={t("adminOrg.calendars.timeZone")}
            style={{ minWidth: 220 }}
            {...fieldStatus(problem, "/timeZone")}
          >
            <Select
              showSearch
              value={draft.timeZone}
              onChange={(timeZone) => setDraft((d) => ({ ...d, timeZone }))}
              options={[...new Set([draft.timeZone, ...ZONES])].map((z) => ({
                value: z,
                label: z,
              }))}
              data-testid="calendar-zone"
            />
          </Form.Item>
          <Form.Item
            label={t("adminOrg.calendars.weekdays")}
            {...fieldStatus(problem, "/workingWeekdays")}
          >
            <Checkbox.Group
              value={[...draft.workingWeekdays]}
              onChange={(values) =>
                setDraft((d) => ({ ...d, workingWeekdays: (values as number[]).sort() }))
              }
              options={WEEKDAYS.map((w) => ({ value: w, label: t(`adminOrg.weekday.${w}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          label={t("adminOrg.calendars.hours")}
          extra={
            <span data-testid="calendar-hours-summary">
              {t("adminOrg.calendars.hoursSummary", {
                hours: (minutes / 60).toLocaleString(language, { maximumFractionDigits: 2 }),
              })}
              {breaks.length > 0 &&
                ` · ${t("adminOrg.calendars.breaks", {
                  breaks: breaks.map((b) => `${b.start}–${b.end}`).join(", "),
                })}`}
            </span>
          }
          {...fieldStatus(problem, "/workingHours")}
        >
          {hours.map((h, index) => (
            <Flex
              // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity but their place
              key={index}
              gap={8}
              align="center"
              wrap
              className="admin-org-hours-row"
            >
              <Input
                aria-label={t("adminOrg.calendars.start", { n: index + 1 })}
                value={h.start}
                onChange={(e) => setHours(index, "start", e.target.value)}
                status={isClock(h.start) ? undefined : "error"}
                placeholder="09:00"
                style={{ width: 90 }}
                data-testid={`calendar-hours-start-${index}`}
              />
              <span>–</span>
              <Input
                aria-label={t("adminOrg.calendars.end", { n: index + 1 })}
                value={h.end}
                onChange={(e) => setHours(index, "end", e.target.value)}
                status={isClock(h.end) ? undefined : "error"}
                placeholder="18:00"
                style={{ width: 90 }}
                data-testid={`calendar-hours-end-${index}`}
              />
              {canWrite && hours.length > 1 && (
                <Button
                  aria-label={t("adminOrg.calendars.removeInterval", { n: index + 1 })}
                  icon={<DeleteOutlined />}
                  onClick={() =>
                    setDraft((d) => ({
                      ...d,
                      workingHours: d.workingHours.filter((_, i) => i !== index),
                    }))
                  }
                />
              )}
            </Flex>
          ))}
          {canWrite && (
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setDraft((d) => ({
                  ...d,
                  workingHours: [
                    ...d.workingHours,
                    { start: d.workingHours.at(-1)?.end ?? "09:00", end: "18:00" },
                  ],
                }))
              }
            >
              {t("adminOrg.calendars.addInterval")}
            </Button>
          )}
        </Form.Item>
      </Form>
    </Card>
  );
}
