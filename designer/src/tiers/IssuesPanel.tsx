/**
 * @module designer/tiers/IssuesPanel
 * Every issue of the last validation — errors first, then warnings — with its JSON pointer; a
 * button takes the user to the part of the editor the pointer names.
 */
import { ExclamationCircleOutlined, WarningOutlined } from "@ant-design/icons";
import { Button, Empty, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useTierEditor } from "./editor-context.ts";
import { isWarning } from "./issue-map.ts";

/** The editor tab a pointer belongs to. */
export function tabOfPointer(pointer: string): "tiers" | "examples" | "model" {
  if (pointer.startsWith("/tiers")) return "tiers";
  if (pointer.startsWith("/examples")) return "examples";
  return "model";
}

export function IssuesPanel({ onGoTo }: { onGoTo: (tab: string) => void }) {
  const { t } = useTranslation();
  const issues = useTierEditor((s) => s.issues);
  if (issues.length === 0)
    return <Empty data-testid="tier-issues" description={t("tierEditor.noIssues")} />;
  return (
    <List
      size="small"
      data-testid="tier-issues"
      dataSource={[...issues]}
      renderItem={(issue) => (
        <List.Item
          data-testid="tier-issue"
          data-code={issue.code}
          data-pointer={issue.pointer}
          actions={[
            <Button key="go" size="small" onClick={() => onGoTo(tabOfPointer(issue.pointer))}>
              {t("tierEditor.goTo")}
            </Button>,
          ]}
        >
          <List.Item.Meta
            avatar={
              isWarning(issue) ? (
                <WarningOutlined className="kam-tier-warn" />
              ) : (
                <ExclamationCircleOutlined className="kam-tier-err" />
              )
            }
            title={issue.message}
            description={
              issue.pointer ? <Typography.Text code>{issue.pointer}</Typography.Text> : null
            }
          />
        </List.Item>
      )}
    />
  );
}
