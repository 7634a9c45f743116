/**
 * @module designer/flows/simulate/SimulateTools
 * The toolbar's "Simulate" button: opens the simulator in a large drawer on the flow as the
 * canvas shows it now (saved or not), validated by the engine first — a flow with errors is not
 * run, its issues are in the editor's issues panel.
 */
import { PlayCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Drawer } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { kamflowEngine } from "../../engine-browser/entry.ts";
import { useFlowEditorStore } from "../editor-context.ts";
import { toDefinition } from "../flow-convert.ts";
import { outputsOf } from "../node-registry.ts";
import { Simulator } from "./Simulator.tsx";
import "./simulate.css";

type Opened = { ok: true; definition: FlowDefinition } | { ok: false; count: number };

export function SimulateTools({ flowKey }: { flowKey: string }) {
  const { t } = useTranslation();
  const store = useFlowEditorStore();
  const [opened, setOpened] = useState<Opened>();

  const open = () => {
    const { header, nodes, edges } = store.getState();
    if (!header) return;
    const result = kamflowEngine.validateFlow(toDefinition(header, nodes, edges, outputsOf));
    setOpened(
      result.ok
        ? { ok: true, definition: result.value }
        : { ok: false, count: result.issues.filter((i) => i.severity !== "warning").length },
    );
  };

  return (
    <>
      <Button icon={<PlayCircleOutlined />} onClick={open} data-testid="simulate-open">
        {t("simulate.button")}
      </Button>
      <Drawer
        open={opened !== undefined}
        onClose={() => setOpened(undefined)}
        size="94vw"
        destroyOnHidden
        title={t("simulate.title", { flow: flowKey })}
        rootClassName="kam-sim-drawer"
        data-testid="simulator"
      >
        {opened?.ok === false && (
          <Alert
            type="warning"
            showIcon
            data-testid="sim-invalid"
            title={t("simulate.invalid", { count: opened.count })}
          />
        )}
        {opened?.ok && <Simulator definition={opened.definition} />}
      </Drawer>
    </>
  );
}
