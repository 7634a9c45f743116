/**
 * @module designer/flows/history/FlowHistoryTools
 * The toolbar's "History": a drawer listing the flow's versions (status, note, author, time),
 * the visual diff of any two of them or of a version and the current canvas, and "restore":
 * a version's nodes and edges loaded into the editor as one undoable edit (not published; the
 * draft is saved as any edit is).
 */
import { HistoryOutlined } from "@ant-design/icons";
import { useReactFlow } from "@xyflow/react";
import { App, Button, Drawer } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../../app-context.tsx";
import type { Language } from "../../i18n/language.ts";
import { useFlowEditorStore } from "../editor-context.ts";
import { toRfEdges, toRfNodes } from "../flow-convert.ts";
import { outputsOf } from "../node-registry.ts";
import { HistoryPanel } from "./HistoryPanel.tsx";
import { loadVersion } from "./history-api.ts";

/** Wide enough for the diff canvas beside nothing else; never wider than the window. */
const DRAWER_SIZE = "min(1040px, 96vw)";

export function FlowHistoryTools({ flowKey }: { flowKey: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const store = useFlowEditorStore();
  const { fitView } = useReactFlow();
  const { modal, message } = App.useApp();
  const [open, setOpen] = useState(false);

  const restore = (version: number) =>
    modal.confirm({
      title: t("flowTools.history.restoreTitle", { version }),
      content: t("flowTools.history.restoreContent"),
      okText: t("flowTools.history.restore"),
      cancelText: t("flowEditor.cancel"),
      onOk: async () => {
        const body = await loadVersion(api, flowKey, version);
        const edges = toRfEdges(
          body,
          outputsOf,
          i18n.language as Language,
          t("flowEditor.defaultEdge"),
        );
        // One undo step: the canvas as it was goes on the history, then the version replaces it.
        store.getState().checkpoint();
        store.setState({ nodes: toRfNodes(body.nodes), edges });
        setOpen(false);
        void message.success(t("flowTools.history.restored", { version }));
        requestAnimationFrame(() => void fitView({ duration: 300, maxZoom: 1 }));
      },
    });

  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)} data-testid="flow-history">
        {t("flowTools.history.open")}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t("flowTools.history.title")}
        size={DRAWER_SIZE}
        destroyOnHidden
      >
        {open && <HistoryPanel flowKey={flowKey} onRestore={restore} />}
      </Drawer>
    </>
  );
}
