/**
 * @module designer/inbox/InstanceHistory
 * A request's history as people read it: each entry's time, step and what happened, with the
 * details the engine recorded for it — the branch's rule and result, the approvers a spec
 * resolved to and why, the decision with its comment — under "why". Bookkeeping entries
 * (timers scheduled, tokens, outbox) hide unless asked for.
 */
import { Switch, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n/language.ts";

export interface HistoryEntry {
  readonly seq: number;
  readonly at: number;
  readonly kind: string;
  readonly nodeId: string | null;
  readonly data: Record<string, unknown>;
}

/** Entries a person does not need to follow a request. */
const BOOKKEEPING = new Set([
  "timer.scheduled",
  "timer.cancelled",
  "node.left",
  "fork",
  "join.arrived",
  "outbox.enqueued",
  "wait.checked",
  "variables.set",
  "token.ended",
]);
const COLORS: Record<string, string> = {
  "task.completed": "green",
  "approval.decided": "green",
  "instance.completed": "green",
  "sla.level": "orange",
  "sla.breached": "red",
  "incident.raised": "red",
  "approval.returned": "orange",
};
/** Fields every entry carries; not part of the why. */
const COMMON = new Set(["type", "at", "nodeId", "flowVersion", "tokenId"]);

export function InstanceHistory({
  entries,
  nameOf,
}: {
  entries: readonly HistoryEntry[];
  nameOf(id: unknown): string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [all, setAll] = useState(false);
  const shown = entries.filter((e) => all || !BOOKKEEPING.has(e.kind));
  const who = (d: Record<string, unknown>) => d.by ?? d.actor ?? d.completedBy ?? d.initiator;
  return (
    <div data-testid="instance-history">
      <Typography.Text type="secondary">
        <Switch size="small" checked={all} onChange={setAll} aria-label={t("inbox.showAll")} />{" "}
        {t("inbox.showAll")}
      </Typography.Text>
      <Timeline
        className="kam-history"
        items={shown.map((e) => {
          const why = Object.fromEntries(Object.entries(e.data).filter(([k]) => !COMMON.has(k)));
          const person = who(e.data);
          return {
            color: COLORS[e.kind] ?? "gray",
            content: (
              <div data-testid="history-entry" data-kind={e.kind}>
                <Typography.Text type="secondary">
                  {new Date(e.at).toLocaleString(language)}
                </Typography.Text>{" "}
                <Typography.Text strong>
                  {t(`inbox.kind.${e.kind.replace(".", "_")}`, { defaultValue: e.kind })}
                </Typography.Text>
                {e.nodeId && <Typography.Text code>{e.nodeId}</Typography.Text>}
                {person !== undefined && <span> · {nameOf(person)}</span>}
                {typeof e.data.outcome === "string" && (
                  <span>
                    {" "}
                    · {t(`inbox.outcome.${e.data.outcome}`, { defaultValue: e.data.outcome })}
                  </span>
                )}
                {typeof e.data.comment === "string" && <div>“{e.data.comment}”</div>}
                {e.kind === "comment.added" && typeof e.data.text === "string" && (
                  <div data-testid="history-comment">“{e.data.text}”</div>
                )}
                {Object.keys(why).length > 0 && (
                  <details>
                    <summary>{t("inbox.why")}</summary>
                    <pre className="kam-history-why">{JSON.stringify(why, null, 2)}</pre>
                  </details>
                )}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
