/**
 * @module designer/tiers/TierModelEditor
 * The editor's layout: a toolbar (undo, redo, save, publish), the model's general settings, and
 * tabs for the kind's own editor (scorecard, decision table or matrix — only the one the model
 * is), its tiers, its golden examples, the what-if, and the issues.
 */
import { CloudUploadOutlined, RedoOutlined, SaveOutlined, UndoOutlined } from "@ant-design/icons";
import {
  Badge,
  Button,
  Card,
  Flex,
  Input,
  Modal,
  Select,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { DecisionTableEditor } from "./DecisionTableEditor.tsx";
import { ExamplesEditor } from "./ExamplesEditor.tsx";
import { useTierEditor, useTierEditorStore, useTierModel } from "./editor-context.ts";
import { FieldIssues, I18nField, localizedText, NumberField } from "./fields.tsx";
import { IssuesPanel } from "./IssuesPanel.tsx";
import { isWarning } from "./issue-map.ts";
import { MatrixEditor } from "./MatrixEditor.tsx";
import { ScorecardEditor } from "./ScorecardEditor.tsx";
import { TiersEditor } from "./TiersEditor.tsx";
import type { OpenedTierModel } from "./tier-api.ts";
import { useTierDraftActions } from "./useTierDraftActions.ts";
import { useWhatIf } from "./useWhatIf.ts";
import { WhatIfPanel } from "./WhatIfPanel.tsx";

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo; not while typing (the field's own undo). */
function useUndoKeys(): void {
  const store = useTierEditorStore();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || !(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === "z") store.getState()[event.shiftKey ? "redo" : "undo"]();
      else if (key === "y") store.getState().redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);
}

function UsesField() {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const uses = useTierEditor((s) => s.model?.uses);
  const self = useTierEditor((s) => s.model?.key);
  return (
    <Select
      size="small"
      mode="tags"
      value={uses ?? []}
      aria-label={t("tierEditor.uses")}
      placeholder={t("tierEditor.usesPlaceholder")}
      className="kam-tier-uses"
      onChange={(keys: string[]) => {
        const list = keys.filter((k) => k !== self);
        store.getState().set(["uses"], list.length > 0 ? list : undefined);
      }}
    />
  );
}

export function TierModelEditor({ opened }: { opened: OpenedTierModel }) {
  const { t, i18n } = useTranslation();
  const store = useTierEditorStore();
  const model = useTierModel();
  const canUndo = useTierEditor((s) => s.past.length > 0);
  const canRedo = useTierEditor((s) => s.future.length > 0);
  const dirty = useTierEditor((s) => s.dirty);
  const issues = useTierEditor((s) => s.issues);
  const draft = useTierDraftActions(store, opened);
  const whatIf = useWhatIf(store);
  const [tab, setTab] = useState("model");
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState("");
  useUndoKeys();

  // The what-if runs the first time its tab is opened; after that it follows the edits.
  useEffect(() => {
    if (tab === "what-if" && !whatIf.live) whatIf.run();
  }, [tab, whatIf]);

  const errors = issues.filter((i) => !isWarning(i)).length;
  const warnings = issues.length - errors;
  const kindEditor =
    model.modelKind === "scorecard" ? (
      <ScorecardEditor />
    ) : model.modelKind === "decision-table" ? (
      <DecisionTableEditor />
    ) : (
      <MatrixEditor />
    );

  return (
    <section className="kam-tier-editor" data-testid="tier-model-editor">
      <Flex align="center" justify="space-between" wrap gap={8}>
        <Space wrap>
          <Link to="/tier-models">{t("tierEditor.back")}</Link>
          <Typography.Title level={4} className="kam-tier-title">
            {localizedText(model.name, i18n.language) || model.key}
          </Typography.Title>
          <Typography.Text code>{model.key}</Typography.Text>
          <Tag color="blue" data-testid="tier-model-kind">
            {t(`tierEditor.kind.${model.modelKind}`)}
          </Tag>
          <Tag data-testid="tier-version">
            {t(draft.hasDraft ? "tierEditor.draftVersion" : "tierEditor.publishedVersion", {
              version: draft.version,
            })}
          </Tag>
          {dirty && <Tag color="orange">{t("tierEditor.unsaved")}</Tag>}
        </Space>
        <Space wrap>
          <Tooltip title={t("tierEditor.undoHint")}>
            <Button
              icon={<UndoOutlined />}
              disabled={!canUndo}
              onClick={() => store.getState().undo()}
              data-testid="tier-undo"
            >
              {t("tierEditor.undo")}
            </Button>
          </Tooltip>
          <Tooltip title={t("tierEditor.redoHint")}>
            <Button
              icon={<RedoOutlined />}
              disabled={!canRedo}
              onClick={() => store.getState().redo()}
              data-testid="tier-redo"
            >
              {t("tierEditor.redo")}
            </Button>
          </Tooltip>
          <Button
            icon={<SaveOutlined />}
            loading={draft.busy}
            onClick={() => void draft.save()}
            data-testid="tier-save-draft"
          >
            {t("tierEditor.save")}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={draft.busy}
            onClick={() => setPublishing(true)}
            data-testid="tier-publish"
          >
            {t("tierEditor.publish")}
          </Button>
        </Space>
      </Flex>
      {draft.problem && (
        <div data-testid="tier-problem">
          <ProblemAlert
            problem={draft.problem}
            action={
              <Button size="small" onClick={draft.dismiss}>
                {t("tierEditor.dismiss")}
              </Button>
            }
          />
        </div>
      )}
      <Card size="small">
        <Flex wrap gap={16} align="flex-start">
          <div className="kam-tier-field kam-tier-field--wide">
            <Typography.Text type="secondary">{t("tierEditor.name")}</Typography.Text>
            <I18nField path={["name"]} label={t("tierEditor.name")} />
          </div>
          <div className="kam-tier-field">
            <Typography.Text type="secondary">{t("tierEditor.form")}</Typography.Text>
            <Typography.Text code>{model.form}</Typography.Text>
          </div>
          <div className="kam-tier-field">
            <Typography.Text type="secondary">{t("tierEditor.precision")}</Typography.Text>
            <NumberField
              path={["precision"]}
              label={t("tierEditor.precision")}
              min={0}
              max={6}
              placeholder="2"
            />
          </div>
          <div className="kam-tier-field kam-tier-field--wide">
            <Typography.Text type="secondary">{t("tierEditor.uses")}</Typography.Text>
            <UsesField />
            <FieldIssues path={["uses"]} />
          </div>
        </Flex>
        <FieldIssues path={["name"]} />
        <FieldIssues path={[]} exact />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "model", label: t(`tierEditor.kind.${model.modelKind}`), children: kindEditor },
          { key: "tiers", label: t("tierEditor.tiers"), children: <TiersEditor /> },
          {
            key: "examples",
            label: t("tierEditor.examples", { count: model.examples?.length ?? 0 }),
            children: <ExamplesEditor />,
          },
          {
            key: "what-if",
            label: <span data-testid="tab-what-if">{t("tierEditor.whatIf")}</span>,
            children: <WhatIfPanel whatIf={whatIf} />,
          },
          {
            key: "issues",
            label: (
              <Space size={4} data-testid="tab-issues">
                {t("tierEditor.issues")}
                {errors > 0 && <Badge count={errors} />}
                {warnings > 0 && <Badge count={warnings} color="gold" />}
              </Space>
            ),
            children: <IssuesPanel onGoTo={setTab} />,
          },
        ]}
      />
      <Modal
        open={publishing}
        title={t("tierEditor.publishTitle")}
        okText={t("tierEditor.publish")}
        cancelText={t("tierEditor.cancel")}
        confirmLoading={draft.busy}
        onCancel={() => setPublishing(false)}
        onOk={async () => {
          // On failure the problem shows above the editor, with its pointers.
          if (await draft.publish(note)) setNote("");
          setPublishing(false);
        }}
      >
        <Typography.Paragraph>{t("tierEditor.publishHint")}</Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t("tierEditor.notePlaceholder")}
          aria-label={t("tierEditor.note")}
          rows={3}
          data-testid="tier-publish-note"
        />
      </Modal>
    </section>
  );
}
