/**
 * @module designer/admin/org/calendars/DayEditor
 * Marks one date of a calendar as a holiday, a make-up working day (调休) or a normal day, with
 * the day's zh-CN and en names; the date can be typed or picked.
 */
import { Button, Card, DatePicker, Flex, Input, Radio, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type CalendarDraft, type DayKind, dayKind, entryOf } from "../calendar-model.ts";

/** Marks the selected date: keyboard-friendly (the date can be typed), with the day's name. */
export function DayEditor({
  draft,
  date,
  onDate,
  onApply,
}: {
  draft: CalendarDraft;
  date: Dayjs;
  onDate(date: Dayjs): void;
  onApply(
    date: string,
    kind: "holiday" | "makeUp" | "none",
    name: { "zh-CN": string; en: string },
  ): void;
}) {
  const { t } = useTranslation();
  const iso = date.format("YYYY-MM-DD");
  const current: DayKind = dayKind(draft, iso);
  const entry = entryOf(draft, iso);
  const [kind, setKind] = useState<"holiday" | "makeUp" | "none">(
    current === "holiday" || current === "makeUp" ? current : "none",
  );
  const [zh, setZh] = useState(entry?.name?.["zh-CN"] ?? "");
  const [en, setEn] = useState(entry?.name?.en ?? "");
  return (
    <Card size="small" className="admin-org-notice" data-testid="calendar-day-editor">
      <Flex gap={8} wrap align="center">
        <DatePicker
          aria-label={t("adminOrg.calendars.date")}
          value={date}
          allowClear={false}
          onChange={(d) => d && onDate(d)}
          data-testid="calendar-day-date"
        />
        <Typography.Text type="secondary">
          {t(`adminOrg.weekday.${date.day() === 0 ? 7 : date.day()}`)} ·{" "}
          {t(`adminOrg.calendars.kind.${current}`)}
        </Typography.Text>
      </Flex>
      <Radio.Group
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        style={{ margin: "8px 0" }}
        data-testid="calendar-day-kind"
      >
        <Radio value="none">{t("adminOrg.calendars.normal")}</Radio>
        <Radio value="holiday">{t("adminOrg.calendars.holiday")}</Radio>
        <Radio value="makeUp">{t("adminOrg.calendars.makeUp")}</Radio>
      </Radio.Group>
      {kind !== "none" && (
        <Flex gap={8} wrap>
          <Input
            aria-label={t("adminOrg.calendars.dayNameZh")}
            placeholder={t("adminOrg.calendars.dayNameZh")}
            value={zh}
            onChange={(e) => setZh(e.target.value)}
            style={{ flex: 1, minWidth: 140 }}
            data-testid="calendar-day-name"
          />
          <Input
            aria-label={t("adminOrg.calendars.dayNameEn")}
            placeholder={t("adminOrg.calendars.dayNameEn")}
            value={en}
            onChange={(e) => setEn(e.target.value)}
            style={{ flex: 1, minWidth: 140 }}
          />
        </Flex>
      )}
      <Button
        style={{ marginTop: 8 }}
        onClick={() => onApply(iso, kind, { "zh-CN": zh, en })}
        data-testid="calendar-day-apply"
      >
        {t("adminOrg.calendars.apply")}
      </Button>
    </Card>
  );
}
