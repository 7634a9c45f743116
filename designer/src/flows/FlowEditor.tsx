/**
 * @module designer/flows/FlowEditor
 * The editor's layout: a toolbar (undo, redo, auto-layout, save, publish), the palette, the
 * canvas, and the inspector with the issues beside it.
 */
import {
  ApartmentOutlined,
  CloudUploadOutlined,
  RedoOutlined,
  SaveOutlined,
  UndoOutlined,
} from "@ant-design/icons";
import { useReactFlow } from "@xyflow/react";
import { Button, Flex, Input, Modal, Space, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { layoutPositions } from "./auto-layout.ts";
import { useFlowEditor, useFlowEditorStore } from "./editor-context.ts";
import { FlowCanvas } from "./FlowCanvas.tsx";
import type { OpenedFlow } from "./flow-api.ts";
import { FlowHistoryTools } from "./history/FlowHistoryTools.tsx";
import { Inspector } from "./Inspector.tsx";
import { IssuesPanel } from "./IssuesPanel.tsx";
import { Palette } from "./Palette.tsx";
import { SimulateTools } from "./simulate/SimulateTools.tsx";
import { SaveStatus } from "./tools/SaveStatus.tsx";
import { ShortcutsHelp } from "./tools/ShortcutsHelp.tsx";
import { useDraftActions } from "./useDraftActions.ts";
import { useEditorShortcuts } from "./useEditorShortcuts.ts";
import { useFlowValidation } from "./useFlowValidation.ts";

export function FlowEditor({ flowKey, opened }: { flowKey: string; opened: OpenedFlow }) {
  const { t, i18n } = useTranslation();
  const store = useFlowEditorStore();
  const { fitView } = useReactFlow();
  const canUndo = useFlowEditor((s) => s.past.length > 0);
  const canRedo = useFlowEditor((s) => s.future.length > 0);
  const dirty = useFlowEditor((s) => s.dirty);
  const name = useFlowEditor((s) => localized(s.header?.name, i18n.language as Language));
  const draft = useDraftActions(opened);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState("");
  const [help, setHelp] = useState(false);
  useFlowValidation(store);
  useEditorShortcuts(store, { save: () => void draft.save(), help: () => setHelp(true) });

  const goTo = (nodeId: string) => {
    store.getState().select(nodeId);
    void fitView({ nodes: [{ id: nodeId }], duration: 300, maxZoom: 1.5 });
  };
  const layout = async () => {
    const { nodes, edges } = store.getState();
    store.getState().setPositions(await layoutPositions(nodes, edges));
    // After React Flow has drawn the new positions, or it fits the old ones.
    requestAnimationFrame(() => void fitView({ duration: 300, maxZoom: 1 }));
  };

  return (
    <section className="kam-flow-editor" data-testid="flow-editor">
      <Flex className="kam-flow-toolbar" align="center" justify="space-between" wrap gap={8}>
        <Space wrap>
          <Link to="/flows">{t("flowEditor.back")}</Link>
          <Typography.Title level={4} className="kam-flow-title">
            {name || flowKey}
          </Typography.Title>
          <Typography.Text code>{flowKey}</Typography.Text>
          <Tag data-testid="flow-version">
            {draft.version === 0
              ? t("flowTools.create.notSaved")
              : t(draft.hasDraft ? "flowEditor.draftVersion" : "flowEditor.publishedVersion", {
                  version: draft.version,
                })}
          </Tag>
          {dirty && <Tag color="orange">{t("flowEditor.unsaved")}</Tag>}
          <SaveStatus draft={draft} />
        </Space>
        <Space wrap>
          <Tooltip title={t("flowEditor.undoHint")}>
            <Button
              icon={<UndoOutlined />}
              disabled={!canUndo}
              onClick={() => store.getState().undo()}
            >
              {t("flowEditor.undo")}
            </Button>
          </Tooltip>
          <Tooltip title={t("flowEditor.redoHint")}>
            <Button
              icon={<RedoOutlined />}
              disabled={!canRedo}
              onClick={() => store.getState().redo()}
            >
              {t("flowEditor.redo")}
            </Button>
          </Tooltip>
          <Button
            icon={<ApartmentOutlined />}
            onClick={() => void layout()}
            data-testid="auto-layout"
          >
            {t("flowEditor.autoLayout")}
          </Button>
          <ShortcutsHelp open={help} onOpen={() => setHelp(true)} onClose={() => setHelp(false)} />
          <SimulateTools flowKey={flowKey} />
          <FlowHistoryTools flowKey={flowKey} />
          <Button
            icon={<SaveOutlined />}
            loading={draft.busy}
            onClick={() => void draft.save()}
            data-testid="save-draft"
          >
            {t("flowEditor.save")}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={draft.busy}
            onClick={() => setPublishing(true)}
            data-testid="publish"
          >
            {t("flowEditor.publish")}
          </Button>
        </Space>
      </Flex>
      {draft.problem && (
        <div data-testid="flow-problem">
          <ProblemAlert
            problem={draft.problem}
            action={
              <Button size="small" onClick={draft.dismiss}>
                {t("flowEditor.dismiss")}
              </Button>
            }
          />
        </div>
      )}
      <div className="kam-flow-body">
        <Palette />
        <FlowCanvas />
        <div className="kam-flow-side">
          <Inspector />
          <IssuesPanel onGoTo={goTo} />
        </div>
      </div>
      <Modal
        open={publishing}
        title={t("flowEditor.publishTitle")}
        okText={t("flowEditor.publish")}
        cancelText={t("flowEditor.cancel")}
        confirmLoading={draft.busy}
        onCancel={() => setPublishing(false)}
        onOk={async () => {
          // On failure the problem shows above the canvas, with its pointers.
          if (await draft.publish(note)) setNote("");
          setPublishing(false);
        }}
      >
        <Typography.Paragraph>{t("flowEditor.publishHint")}</Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t("flowEditor.notePlaceholder")}
          aria-label={t("flowEditor.note")}
          rows={3}
        />
      </Modal>
    </section>
  );
}
