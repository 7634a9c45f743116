/**
 * @module designer/templates/TemplateDetail
 * One pack of the gallery in a drawer: its contents; the dry run of installing it under the
 * chosen conflict policy (POST /templates/{key}/plan, nothing saved); and the install itself
 * (POST /templates/{key}/install, a job), optionally with N sample accounts, whose progress is
 * followed until it ends — then the result, or every issue of a refused install with its
 * pointer. The gallery is told, so its cards show the version now installed.
 */
import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Drawer,
  Flex,
  InputNumber,
  Progress,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
} from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiProblem, toProblem } from "../api/problem.ts";
import { useApiQuery } from "../api/useApiQuery.ts";
import { useApi } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { QueryState } from "../components/QueryState.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { PackContents } from "./PackContents.tsx";
import { PlanView } from "./PlanView.tsx";
import {
  defaultSampleAccounts,
  type InstallJob,
  type InstallPlan,
  jobEnded,
  jobPercent,
  MAX_SAMPLE_ACCOUNTS,
  type PackDetail,
  PLAN_ACTIONS,
  POLICIES,
  type Policy,
} from "./template-model.ts";
import { useFollowJob } from "./useFollowJob.ts";

/** The issues of a failed install job, as a problem ProblemAlert shows with their pointers. */
function refusal(job: InstallJob, title: string): ApiProblem {
  const issues = job.result?.issues ?? [];
  const error = job.error;
  return new ApiProblem({
    status: 409,
    code: error?.code ?? "INSTALL_FAILED",
    title,
    ...(error?.message && issues.length === 0 ? { detail: error.message } : {}),
    issues,
  });
}

function InstallResult({ job }: { job: InstallJob }) {
  const { t } = useTranslation();
  const install = job.result?.install;
  const sample = job.result?.sample;
  if (job.status !== "succeeded" || !install) return null;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="install-result"
      title={t("adminOps.templates.installedTitle", { version: install.pack.version })}
      description={
        <Space orientation="vertical" size={4}>
          <Space wrap size={[4, 4]}>
            {PLAN_ACTIONS.filter((a) => install.counts[a] > 0).map((action) => (
              <Tag key={action}>
                {t(`adminOps.templates.action.${action}`)} · {install.counts[action]}
              </Tag>
            ))}
          </Space>
          {sample && (
            <span>
              {t("adminOps.templates.sampleCreated", {
                people: sample.people,
                records: sample.records,
              })}
            </span>
          )}
        </Space>
      }
    />
  );
}

export function TemplateDetail({
  packKey,
  title,
  onClose,
  onInstalled,
}: {
  /** The pack shown; undefined: the drawer is closed. */
  packKey: string | undefined;
  /** The drawer's title (the pack's name). */
  title?: string;
  onClose(): void;
  /** An install ended successfully (the gallery reloads). */
  onInstalled(): void;
}) {
  return (
    <Drawer
      open={packKey !== undefined}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={title || packKey}
    >
      {packKey && <PackDetailBody key={packKey} packKey={packKey} onInstalled={onInstalled} />}
    </Drawer>
  );
}

function PackDetailBody({ packKey, onInstalled }: { packKey: string; onInstalled(): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const query = useApiQuery<{ pack: PackDetail; installedVersion: string | null }>(
    `/api/v1/templates/${encodeURIComponent(packKey)}`,
  );
  const pack = query.data?.pack;
  const [policy, setPolicy] = useState<Policy>("fail");
  const [plan, setPlan] = useState<InstallPlan>();
  const [planProblem, setPlanProblem] = useState<ApiProblem>();
  const [planning, setPlanning] = useState(false);
  const [withSample, setWithSample] = useState(true);
  const [accounts, setAccounts] = useState<number>();
  const [installProblem, setInstallProblem] = useState<ApiProblem>();
  const [starting, setStarting] = useState(false);

  const loadPlan = useCallback(
    async (chosen: Policy) => {
      setPlanning(true);
      setPlanProblem(undefined);
      try {
        const reply = await api.post<{ plan: InstallPlan }>(
          `/api/v1/templates/${encodeURIComponent(packKey)}/plan`,
          { policy: chosen },
        );
        setPlan(reply.plan);
      } catch (error) {
        setPlan(undefined);
        setPlanProblem(toProblem(error));
      } finally {
        setPlanning(false);
      }
    },
    [api, packKey],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the plan is in the UI's language
  useEffect(() => {
    void loadPlan(policy);
  }, [loadPlan, policy, i18n.language]);

  const {
    job,
    problem: jobProblem,
    follow,
  } = useFollowJob<InstallJob>((ended) => {
    if (ended.status === "succeeded") {
      onInstalled();
      query.reload();
      void loadPlan(policy);
    }
  });

  const hasSample = pack?.embedded.sampleData !== undefined;
  const sampleAccounts = accounts ?? defaultSampleAccounts(pack?.embedded.sampleData);
  const running = job !== undefined && !jobEnded(job);

  const install = async () => {
    setInstallProblem(undefined);
    setStarting(true);
    try {
      const reply = await api.post<{ job: InstallJob }>(
        `/api/v1/templates/${encodeURIComponent(packKey)}/install`,
        {
          policy,
          ...(hasSample && withSample ? { sampleData: { accounts: sampleAccounts } } : {}),
        },
      );
      follow(reply.job);
    } catch (error) {
      follow(undefined);
      setInstallProblem(toProblem(error));
    } finally {
      setStarting(false);
    }
  };

  return (
    <div data-testid="template-detail" data-pack={packKey}>
      <QueryState query={query} isEmpty={() => false} empty="">
        {({ pack, installedVersion }) => (
          <>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {localized(pack.name, language)}
            </Typography.Title>
            <Space wrap size={[8, 8]} style={{ marginBottom: 8 }}>
              <Tag>{t("templates.version", { version: pack.version })}</Tag>
              <Tag>{t("templates.industry", { industry: pack.industry })}</Tag>
              {installedVersion ? (
                <Tag color="green" data-testid="detail-installed">
                  {t("adminOps.templates.installedVersion", { version: installedVersion })}
                </Tag>
              ) : (
                <Tag data-testid="detail-installed">{t("templates.notInstalled")}</Tag>
              )}
            </Space>
            <Typography.Paragraph type="secondary">
              {localized(pack.description, language)}
            </Typography.Paragraph>
            <Divider titlePlacement="start">{t("adminOps.templates.contents")}</Divider>
            <PackContents pack={pack} {...(plan ? { unheldRoles: plan.unheldRoles } : {})} />
          </>
        )}
      </QueryState>

      <Divider titlePlacement="start">{t("adminOps.templates.dryRun")}</Divider>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t("adminOps.templates.policy")}</Typography.Text>
        <Radio.Group
          data-testid="policy-select"
          optionType="button"
          value={policy}
          onChange={(e) => setPolicy(e.target.value as Policy)}
          disabled={running}
          options={POLICIES.map((p) => ({
            value: p,
            label: t(`adminOps.templates.policies.${p}`),
            title: t(`adminOps.templates.policyHelp.${p}`),
          }))}
        />
        <Button onClick={() => void loadPlan(policy)} loading={planning} data-testid="replan">
          {t("adminOps.templates.replan")}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">
        {t(`adminOps.templates.policyHelp.${policy}`)}
      </Typography.Paragraph>
      {planProblem && <ProblemAlert problem={planProblem} />}
      {!plan && planning && (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      )}
      {plan && <PlanView plan={plan} pack={pack} />}

      <Divider titlePlacement="start">{t("adminOps.templates.install")}</Divider>
      <Flex gap={12} align="center" wrap>
        {hasSample && (
          <>
            <Checkbox
              data-testid="sample-data-toggle"
              checked={withSample}
              disabled={running}
              onChange={(e) => setWithSample(e.target.checked)}
            >
              {t("adminOps.templates.withSample", { count: sampleAccounts })}
            </Checkbox>
            <InputNumber
              data-testid="sample-accounts"
              aria-label={t("adminOps.templates.sampleAccounts")}
              min={1}
              max={MAX_SAMPLE_ACCOUNTS}
              precision={0}
              value={sampleAccounts}
              disabled={!withSample || running}
              onChange={(value) => setAccounts(typeof value === "number" ? value : undefined)}
            />
          </>
        )}
        <Button
          type="primary"
          data-testid="template-install"
          loading={starting || running}
          disabled={!pack}
          onClick={() => void install()}
        >
          {plan?.installedVersion
            ? t("adminOps.templates.reinstall")
            : t("adminOps.templates.installButton")}
        </Button>
      </Flex>
      {installProblem && (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert problem={installProblem} />
        </div>
      )}
      {jobProblem && (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert problem={jobProblem} />
        </div>
      )}
      {job && (
        <div data-testid="install-progress" data-status={job.status} style={{ marginTop: 12 }}>
          <Progress
            percent={jobPercent(job)}
            status={
              job.status === "failed" || job.status === "cancelled"
                ? "exception"
                : job.status === "succeeded"
                  ? "success"
                  : "active"
            }
          />
          <Typography.Paragraph>
            {t(`adminOps.templates.jobStatus.${job.status}`)}
            {job.total
              ? ` · ${t("adminOps.templates.jobCounts", { done: job.done, total: job.total })}`
              : ""}
          </Typography.Paragraph>
          <InstallResult job={job} />
          {job.status === "failed" && (
            <ProblemAlert problem={refusal(job, t("adminOps.templates.refused"))} />
          )}
        </div>
      )}
    </div>
  );
}
