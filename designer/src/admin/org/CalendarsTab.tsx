/**
 * @module designer/admin/org/CalendarsTab
 * The admin screen's business calendars, which SLA and wait durations count on: the workspace's
 * (mainland China's until an admin saves one) and named ones assigned to accounts. Admins pick
 * one, edit its time zone, working weekdays and working hours (the gaps are breaks: lunch),
 * mark holidays and make-up working days (调休) on a month calendar or in the year's list, save
 * it (PUT, every refused entry pointed at), and import a yearly CSV table (refused lines shown
 * with their issues). Everyone else reads it.
 */
import {
  CalendarOutlined,
  DeleteOutlined,
  DownloadOutlined,
  PlusOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Calendar,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiProblem } from "../../api/problem.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { type Language, localized } from "../../i18n/language.ts";
import {
  breaksOf,
  type CalendarDocument,
  type CalendarDraft,
  type DayKind,
  dayKind,
  documentOf,
  draftOf,
  entriesOfYear,
  entryOf,
  isClock,
  issuesByDate,
  issuesByLine,
  setDay,
  tableOf,
  tableSummary,
  workingMinutes,
  type YearEntry,
  yearsOf,
} from "./calendar-model.ts";
import { fieldStatus, ReadOnlyNotice, useOrgAccess, useWrite } from "./org-ui.tsx";
import "./admin-org.css";

/** The workspace's calendar in the picker; named calendars go by their key. */
const WORKSPACE = "";
const KEY_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
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

const pathOf = (key: string) =>
  key === WORKSPACE ? "/api/v1/calendar" : `/api/v1/calendars/${encodeURIComponent(key)}`;

export function CalendarsTab() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const access = useOrgAccess();
  const named = useApiQuery<{ items: { key: string; calendar: CalendarDocument }[] }>(
    "/api/v1/calendars",
  );
  const [which, setWhich] = useState(WORKSPACE);
  /** A named calendar being created: not saved yet, so not loaded from the API. */
  const [fresh, setFresh] = useState<{ key: string; doc: CalendarDocument }>();
  const [naming, setNaming] = useState(false);
  const [newKey, setNewKey] = useState("");
  const editingFresh = fresh !== undefined && which === fresh.key;
  const workspace = useApiQuery<{ calendar: CalendarDocument }>("/api/v1/calendar");
  // A new calendar is not on the server yet: nothing to load for it.
  const current = useApiQuery<{ calendar: CalendarDocument }>(
    pathOf(editingFresh ? WORKSPACE : which),
  );

  const options = [
    { value: WORKSPACE, label: t("adminOrg.calendars.workspace") },
    ...(named.data?.items ?? []).map((item) => ({
      value: item.key,
      label: localized(item.calendar.name, language)
        ? `${localized(item.calendar.name, language)} (${item.key})`
        : item.key,
    })),
    ...(fresh && !named.data?.items.some((i) => i.key === fresh.key)
      ? [{ value: fresh.key, label: `${fresh.key} (${t("adminOrg.calendars.unsavedNew")})` }]
      : []),
  ];
  const keyTaken = options.some((o) => o.value === newKey);

  const startNew = () => {
    setFresh({ key: newKey, doc: workspace.data?.calendar ?? {} });
    setWhich(newKey);
    setNaming(false);
    setNewKey("");
  };
  const saved = () => {
    named.reload();
    current.reload();
    if (which === fresh?.key) setFresh(undefined);
  };
  const freshQuery = {
    data: { calendar: fresh?.doc ?? {} },
    error: undefined,
    loading: false,
    reload: () => {},
  };

  return (
    <div data-testid="admin-calendars">
      {!access.canWrite && <ReadOnlyNotice />}
      <Flex gap={8} wrap className="admin-org-toolbar" align="center">
        <CalendarOutlined />
        <Select
          aria-label={t("adminOrg.calendars.which")}
          value={which}
          onChange={setWhich}
          options={options}
          style={{ minWidth: 260 }}
          data-testid="calendar-which"
        />
        {access.canWrite && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setNaming(true)}
            data-testid="calendar-new"
          >
            {t("adminOrg.calendars.new")}
          </Button>
        )}
      </Flex>
      <QueryState query={editingFresh ? freshQuery : current} isEmpty={() => false} empty="">
        {(data) => (
          <CalendarEditor
            key={`${which}|${JSON.stringify(data.calendar)}`}
            path={pathOf(which)}
            named={which !== WORKSPACE}
            doc={data.calendar}
            canWrite={access.canWrite}
            isNew={editingFresh}
            onSaved={saved}
          />
        )}
      </QueryState>

      <Modal
        open={naming}
        title={t("adminOrg.calendars.newTitle")}
        okText={t("adminOrg.calendars.newOk")}
        cancelText={t("adminOrg.cancel")}
        onOk={startNew}
        onCancel={() => setNaming(false)}
        okButtonProps={{ disabled: !KEY_PATTERN.test(newKey) || keyTaken }}
      >
        <Form layout="vertical">
          <Form.Item
            label={t("adminOrg.calendars.key")}
            extra={t("adminOrg.calendars.keyHint")}
            validateStatus={newKey && (!KEY_PATTERN.test(newKey) || keyTaken) ? "error" : undefined}
            help={keyTaken ? t("adminOrg.calendars.keyTaken") : undefined}
          >
            <Input
              value={newKey}
              onChange={(e) => setNewKey(e.target.value.trim())}
              placeholder="singapore"
              data-testid="calendar-new-key"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** One calendar: working time, the year's holidays and make-up days, save and import. */
function CalendarEditor({
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
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const save = useWrite();
  const [draft, setDraft] = useState<CalendarDraft>(() => draftOf(doc));
  const [sent, setSent] = useState<CalendarDocument>();
  const original = useMemo(() => JSON.stringify(documentOf(draftOf(doc))), [doc]);
  const dirty = isNew || JSON.stringify(documentOf(draft)) !== original;
  const thisYear = dayjs().year();
  const years = yearsOf(draft, [thisYear, thisYear + 1]);
  const [year, setYear] = useState(() =>
    years.includes(thisYear) ? thisYear : (years.at(-1) ?? thisYear),
  );
  const [selected, setSelected] = useState<Dayjs>(() =>
    dayjs(`${year}-${String(dayjs().month() + 1).padStart(2, "0")}-01`),
  );
  const byDate = issuesByDate(save.problem, sent);

  const doSave = () => {
    const body = documentOf(draft);
    setSent(body);
    return save.run(() => api.put(path, body), {
      success: t("adminOrg.calendars.saved"),
      done: onSaved,
    });
  };
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

      <Card size="small" title={t("adminOrg.calendars.workingTime")}>
        <Form layout="vertical" disabled={readOnly}>
          <Flex gap={16} wrap>
            {named && (
              <>
                <Form.Item
                  label={t("adminOrg.calendars.nameZh")}
                  style={{ minWidth: 200 }}
                  {...fieldStatus(save.problem, "/name")}
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
              {...fieldStatus(save.problem, "/timeZone")}
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
              {...fieldStatus(save.problem, "/workingWeekdays")}
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
            {...fieldStatus(save.problem, "/workingHours")}
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
              onClick={() => download(`holidays-${year}.csv`, tableOf(draft, year))}
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
              issues={byDate}
              canWrite={canWrite}
              onPick={(date) => setSelected(dayjs(date))}
              onRemove={(date) => setDraft((d) => setDay(d, date, "none"))}
            />
          </div>
        </div>
      </Card>

      {canWrite && !isNew && (
        <TableImport path={`${path}/import`} dirty={dirty} onImported={onSaved} />
      )}
    </Space>
  );
}

/** Saves a text as a file through a Blob URL (no inline script, no data: URL). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Marks the selected date: keyboard-friendly (the date can be typed), with the day's name. */
function DayEditor({
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

/** The year's holidays and make-up days, refused ones marked with the server's issues. */
function YearList({
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

/** Import of a yearly table: a CSV file or pasted text, refused lines shown with their issues. */
function TableImport({
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

/** A refused import: the problem, then the table's lines with the refused ones marked. */
function ImportProblem({
  problem,
  csv,
  byLine,
}: {
  problem: ApiProblem;
  csv: string;
  byLine: Map<number, { pointer: string; message: string }[]>;
}) {
  const { t } = useTranslation();
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  return (
    <>
      <ProblemAlert problem={problem} />
      {byLine.size > 0 && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            title={t("adminOrg.calendars.refusedLines", { count: byLine.size })}
          />
          <ol className="admin-org-lines" aria-label={t("adminOrg.calendars.lines")}>
            {lines.map((text, index) => {
              const line = index + 1;
              const issues = byLine.get(line);
              return (
                <li key={line} data-refused={issues ? "true" : undefined} data-line={line}>
                  <span className="line-no">{line}</span>
                  {text}
                  {issues?.map((issue) => (
                    <Typography.Text
                      type="danger"
                      key={issue.pointer + issue.message}
                      className="admin-org-issue"
                    >
                      <code>{issue.pointer}</code> {issue.message}
                    </Typography.Text>
                  ))}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </>
  );
}
