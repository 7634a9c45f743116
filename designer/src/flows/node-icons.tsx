/**
 * @module designer/flows/node-icons
 * The glyph of each registry icon id (`meta.icon`), so the engine names icons without knowing
 * the designer's icon set.
 */
import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BellOutlined,
  BranchesOutlined,
  FlagOutlined,
  ForkOutlined,
  FormOutlined,
  GlobalOutlined,
  HourglassOutlined,
  MergeCellsOutlined,
  PlayCircleOutlined,
  ThunderboltOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";

const ICONS: Record<string, ComponentType> = {
  bolt: ThunderboltOutlined,
  stamp: AuditOutlined,
  branch: BranchesOutlined,
  flag: FlagOutlined,
  merge: MergeCellsOutlined,
  bell: BellOutlined,
  split: ForkOutlined,
  play: PlayCircleOutlined,
  layers: ApartmentOutlined,
  clipboard: FormOutlined,
  hourglass: HourglassOutlined,
  globe: GlobalOutlined,
};

/** The glyph of an icon id; a neutral one for an id the designer does not know yet. */
export function NodeIcon({ icon }: { icon: string | undefined }) {
  const Glyph = ICONS[icon ?? ""] ?? AppstoreOutlined;
  return <Glyph />;
}
