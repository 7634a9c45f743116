/**
 * @module designer/forms/field-icons
 * One icon per field type, for the palette and the layout's field cards.
 */
import {
  AlignLeftOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  DownSquareOutlined,
  FieldTimeOutlined,
  FontSizeOutlined,
  LinkOutlined,
  MailOutlined,
  NumberOutlined,
  PaperClipOutlined,
  PayCircleOutlined,
  PercentageOutlined,
  PhoneOutlined,
  StarOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";
import type { FieldType } from "./form-doc.ts";

const ICONS: Record<FieldType, ComponentType> = {
  text: FontSizeOutlined,
  textarea: AlignLeftOutlined,
  number: NumberOutlined,
  money: PayCircleOutlined,
  percent: PercentageOutlined,
  date: CalendarOutlined,
  datetime: FieldTimeOutlined,
  select: DownSquareOutlined,
  "multi-select": CheckSquareOutlined,
  boolean: CheckCircleOutlined,
  user: UserOutlined,
  team: TeamOutlined,
  reference: LinkOutlined,
  "sub-table": TableOutlined,
  rating: StarOutlined,
  nps: DashboardOutlined,
  email: MailOutlined,
  phone: PhoneOutlined,
  attachment: PaperClipOutlined,
};

export function FieldIcon({ type }: { type: FieldType }) {
  const Icon = ICONS[type] ?? FontSizeOutlined;
  return <Icon />;
}
