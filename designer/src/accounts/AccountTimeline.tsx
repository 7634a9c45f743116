/**
 * @module designer/accounts/AccountTimeline
 * The account's story, newest first (GET /records/{id}/timeline): tier changes, flows started
 * and ended with their tasks and steps, records that refer to it. Chips filter by kind.
 */
import { Checkbox, Empty, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";
import type { TierModelBody } from "./account-model.ts";

export interface TimelineItem {
  readonly at: number;
  readonly kind: string;
  readonly [key: string]: unknown;
}

/** The kinds a person filters by, each covering some of the API's kinds. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  tiers: ["tier.changed"],
  flows: ["instance.started", "instance.ended", "step"],
  tasks: ["task.created", "task.completed"],
  records: ["record.created", "related.created"],
};
const COLORS: Readonly<Record<string, string>> = {
  "tier.changed": "orange",
  "instance.started": "blue",
  "instance.ended": "green",
  "task.created": "blue",
  "task.completed": "green",
  step: "gray",
  "record.created": "gray",
  "related.created": "purple",
};

export function AccountTimeline({
  items,
  models,
  userName,
  formName = (key) => key,
}: {
  items: readonly TimelineItem[];
  models: readonly TierModelBody[];
  userName(id: unknown): string;
  /** A form's name in the UI's language (related records say what they are). */
  formName?: (key: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [shown, setShown] = useState<string[]>(["tiers", "flows", "tasks", "records"]);
  const kinds = new Set(shown.flatMap((g) => GROUPS[g] ?? []));
  // Steps are many: without "flows" they hide; with it, only the steps' own entries show.
  const visible = items.filter((i) => kinds.has(i.kind));
  const tierLabel = (model: unknown, key: unknown) => {
    const m = models.find((x) => x.key === model);
    return localized(m?.tiers.find((x) => x.key === key)?.label, language) || String(key ?? "—");
  };
  /** The flow's and the step's names in the UI's language, else their keys. */
  const flowOf = (i: TimelineItem) => localized(i.flowName, language) || String(i.flowKey ?? "");
  const nodeOf = (i: TimelineItem) => localized(i.nodeLabel, language) || String(i.nodeId ?? "");
  const text = (i: TimelineItem): string => {
    const who = userName(i.actorId);
    switch (i.kind) {
      case "tier.changed":
        return t("account360.event.tier", {
          model:
            localized(models.find((m) => m.key === i.model)?.name, language) || String(i.model),
          from: i.from === null ? t("account360.none") : tierLabel(i.model, i.from),
          to: tierLabel(i.model, i.to),
        });
      case "task.completed":
        return t("account360.event.taskCompleted", {
          node: nodeOf(i),
          flow: flowOf(i),
          outcome: t(`inbox.outcome.${String(i.outcome ?? i.status ?? "")}`, {
            defaultValue: String(i.outcome ?? i.status ?? ""),
          }),
          who,
        });
      case "task.created":
        return t("account360.event.taskCreated", {
          node: nodeOf(i),
          flow: flowOf(i),
          who: userName(i.assigneeId),
        });
      case "related.created":
        return t("account360.event.related", {
          title: String(i.title),
          form: formName(String(i.form)),
          who,
        });
      case "step": {
        const step = String(i.step);
        return t("account360.event.step", {
          step: t(`inbox.kind.${step.replace(".", "_")}`, { defaultValue: step }),
          node: nodeOf(i),
          flow: flowOf(i),
        });
      }
      default:
        return t(`account360.event.${i.kind.replace(".", "_")}`, {
          flow: flowOf(i),
          status: t(`inbox.status.${String(i.status ?? "")}`, {
            defaultValue: String(i.status ?? ""),
          }),
          who,
        });
    }
  };
  /** A flow on a related record (a ticket of the account) names it. */
  const withRecord = (i: TimelineItem) =>
    i.kind !== "related.created" && typeof i.title === "string"
      ? `${text(i)} — ${i.title}`
      : text(i);
  return (
    <div data-testid="account-timeline">
      <Checkbox.Group
        value={shown}
        onChange={(v) => setShown(v as string[])}
        options={Object.keys(GROUPS).map((g) => ({ value: g, label: t(`account360.group.${g}`) }))}
      />
      {visible.length === 0 ? (
        <Empty description={t("account360.noEvents")} />
      ) : (
        <Timeline
          className="kam-account-timeline"
          items={visible.slice(0, 300).map((i, n) => ({
            key: `${i.at}-${n}`,
            color: COLORS[i.kind] ?? "gray",
            content: (
              <div data-testid="timeline-item" data-kind={i.kind}>
                <Typography.Text type="secondary">
                  {new Date(i.at).toLocaleString(language)}
                </Typography.Text>
                <div>{withRecord(i)}</div>
              </div>
            ),
          }))}
        />
      )}
    </div>
  );
}
