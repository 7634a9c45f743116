/**
 * @module designer/accounts/TierBadge
 * One model's tier of an account: the tier's label in its colour, with an arrow when the last
 * change moved it up or down (the tooltip says from what, and when).
 */
import { ArrowDownOutlined, ArrowUpOutlined } from "@ant-design/icons";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";
import { type TierModelBody, trendOf } from "./account-model.ts";

export interface Standing {
  readonly tier: string;
  readonly score: number | null;
  readonly previous: string | null;
  readonly changedAt: number | null;
}

export function TierBadge({ model, standing }: { model: TierModelBody; standing: Standing }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const label = (key: string) =>
    localized(model.tiers.find((tier) => tier.key === key)?.label, language) || key;
  const color = model.tiers.find((tier) => tier.key === standing.tier)?.color;
  const trend = trendOf(model, standing.tier, standing.previous);
  const arrow =
    trend === "up" ? (
      <ArrowUpOutlined aria-label={t("accounts.trendUp")} />
    ) : trend === "down" ? (
      <ArrowDownOutlined aria-label={t("accounts.trendDown")} />
    ) : null;
  const when = standing.changedAt ? new Date(standing.changedAt).toLocaleDateString(language) : "";
  const tip =
    standing.previous !== null
      ? t("accounts.tierChanged", { from: label(standing.previous), when })
      : t("accounts.tierSince", { when });
  return (
    <Tooltip title={tip}>
      <Tag color={color} data-testid="tier-badge" data-model={model.key} data-tier={standing.tier}>
        {label(standing.tier)}
        {standing.score !== null ? ` · ${Math.round(standing.score * 10) / 10}` : ""} {arrow}
      </Tag>
    </Tooltip>
  );
}
