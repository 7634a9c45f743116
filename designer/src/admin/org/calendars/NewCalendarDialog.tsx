/**
 * @module designer/admin/org/calendars/NewCalendarDialog
 * Asks for the key of a new named calendar: lower-case letters, digits, `_` and `-`, starting with
 * a letter, and not taken by another calendar.
 */
import { Form, Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

const KEY_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

/** The dialog, open while `open`; `onCreate` gets a valid key that is not in `taken`. */
export function NewCalendarDialog({
  open,
  taken,
  onCreate,
  onCancel,
}: {
  open: boolean;
  taken: readonly string[];
  onCreate(key: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [newKey, setNewKey] = useState("");
  const keyTaken = taken.includes(newKey);
  return (
    <Modal
      open={open}
      title={t("adminOrg.calendars.newTitle")}
      okText={t("adminOrg.calendars.newOk")}
      cancelText={t("adminOrg.cancel")}
      onOk={() => {
        onCreate(newKey);
        setNewKey("");
      }}
      onCancel={onCancel}
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
  );
}
