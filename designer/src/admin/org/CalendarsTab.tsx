/**
 * @module designer/admin/org/CalendarsTab
 * The admin screen's business calendars, which SLA and wait durations count on: the workspace's
 * (mainland China's until an admin saves one) and named ones assigned to accounts. The tab picks
 * one (./calendars/CalendarPicker), starts a new named one (./calendars/NewCalendarDialog) and
 * shows the picked one in ./calendars/CalendarEditor, where admins edit its time zone, working
 * weekdays and hours, holidays and make-up working days (调休), save it and import a yearly CSV
 * table. Everyone else reads it.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { QueryState } from "../../components/QueryState.tsx";
import { type Language, localized } from "../../i18n/language.ts";
import type { CalendarDocument } from "./calendar-model.ts";
import { CalendarEditor } from "./calendars/CalendarEditor.tsx";
import { CalendarPicker } from "./calendars/CalendarPicker.tsx";
import { NewCalendarDialog } from "./calendars/NewCalendarDialog.tsx";
import { ReadOnlyNotice, useOrgAccess } from "./org-ui.tsx";
import "./admin-org.css";

/** The workspace's calendar in the picker; named calendars go by their key. */
const WORKSPACE = "";

const pathOf = (key: string) =>
  key === WORKSPACE ? "/api/v1/calendar" : `/api/v1/calendars/${encodeURIComponent(key)}`;

/** The calendars tab: the picker, the picked calendar's editor and the new-calendar dialog. */
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

  const startNew = (key: string) => {
    setFresh({ key, doc: workspace.data?.calendar ?? {} });
    setWhich(key);
    setNaming(false);
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
      <CalendarPicker
        value={which}
        onChange={setWhich}
        options={options}
        canWrite={access.canWrite}
        onNew={() => setNaming(true)}
      />
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

      <NewCalendarDialog
        open={naming}
        taken={options.map((o) => o.value)}
        onCreate={startNew}
        onCancel={() => setNaming(false)}
      />
    </div>
  );
}
