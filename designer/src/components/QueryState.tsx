/**
 * @module designer/components/QueryState
 * The loading, error and empty states every list screen shares: a spinner while loading, the
 * problem with a retry button on failure, an empty state with a hint when there is nothing,
 * else the content.
 */
import { Button, Empty, Flex, Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Query } from "../api/useApiQuery.ts";
import { ProblemAlert } from "./ProblemAlert.tsx";

export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: Query<T>;
  isEmpty: (data: T) => boolean;
  empty: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.error)
    return (
      <ProblemAlert
        problem={query.error}
        action={<Button onClick={query.reload}>{t("state.retry")}</Button>}
      />
    );
  if (query.data === undefined)
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin description={t("state.loading")} />
      </Flex>
    );
  if (isEmpty(query.data)) return <Empty description={empty} />;
  return <>{children(query.data)}</>;
}
