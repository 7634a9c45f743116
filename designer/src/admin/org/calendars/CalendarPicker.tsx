/**
 * @module designer/admin/org/calendars/CalendarPicker
 * The calendars tab's toolbar: which calendar is shown (the workspace's or a named one) and, for
 * those who may write, the button that starts a new named calendar.
 */
import { CalendarOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Select } from "antd";
import { useTranslation } from "react-i18next";

/** Picks among `options`; `onNew` asks for a new calendar's key. */
export function CalendarPicker({
  value,
  onChange,
  options,
  canWrite,
  onNew,
}: {
  value: string;
  onChange(value: string): void;
  options: { value: string; label: string }[];
  canWrite: boolean;
  onNew(): void;
}) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap className="admin-org-toolbar" align="center">
      <CalendarOutlined />
      <Select
        aria-label={t("adminOrg.calendars.which")}
        value={value}
        onChange={onChange}
        options={options}
        style={{ minWidth: 260 }}
        data-testid="calendar-which"
      />
      {canWrite && (
        <Button icon={<PlusOutlined />} onClick={onNew} data-testid="calendar-new">
          {t("adminOrg.calendars.new")}
        </Button>
      )}
    </Flex>
  );
}
