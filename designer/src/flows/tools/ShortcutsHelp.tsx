/**
 * @module designer/flows/tools/ShortcutsHelp
 * The toolbar's shortcuts button (an icon, named for screen readers) and the dialog listing the editor's keys (`SHORTCUTS`), opened
 * by the button or by `?`. `Mod` reads Ctrl, or ⌘ on a Mac.
 */
import { QuestionCircleOutlined } from "@ant-design/icons";
import { Button, Modal, Table, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { SHORTCUTS } from "../useEditorShortcuts.ts";

const isMac = () => /mac|iphone|ipad/i.test(globalThis.navigator?.platform ?? "");

export function ShortcutsHelp({
  open,
  onOpen,
  onClose,
}: {
  open: boolean;
  onOpen(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const mod = t(isMac() ? "flowTools.shortcuts.modMac" : "flowTools.shortcuts.mod");
  const rows = SHORTCUTS.map((s) => ({
    key: s.command,
    keys: s.keys.map((k) => (k === "Mod" ? mod : k)),
    action: t(`flowTools.shortcuts.commands.${s.command}`),
  }));
  return (
    <>
      <Tooltip title={`${t("flowTools.shortcuts.title")} (?)`}>
        <Button
          icon={<QuestionCircleOutlined />}
          onClick={onOpen}
          aria-label={t("flowTools.shortcuts.open")}
          aria-keyshortcuts="?"
          data-testid="shortcuts-help"
        />
      </Tooltip>
      <Modal
        open={open}
        title={t("flowTools.shortcuts.title")}
        onCancel={onClose}
        footer={null}
        data-testid="shortcuts-dialog"
      >
        <Typography.Paragraph type="secondary">
          {t("flowTools.shortcuts.hint")}
        </Typography.Paragraph>
        <Table
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            {
              title: t("flowTools.shortcuts.keys"),
              dataIndex: "keys",
              width: 170,
              render: (keys: string[]) => (
                <span className="kam-shortcut-keys">
                  {keys.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </span>
              ),
            },
            { title: t("flowTools.shortcuts.action"), dataIndex: "action" },
          ]}
        />
      </Modal>
    </>
  );
}
