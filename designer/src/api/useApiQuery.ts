/**
 * @module designer/api/useApiQuery
 * Loads one GET of the API for a screen: data, the ApiProblem if it failed, and `reload`. It
 * reloads when the UI language changes (the server localises names and messages).
 */
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApi } from "../app-context.tsx";
import { type ApiProblem, toProblem } from "./problem.ts";

export interface Query<T> {
  readonly data: T | undefined;
  readonly error: ApiProblem | undefined;
  readonly loading: boolean;
  reload(): void;
}

export function useApiQuery<T>(path: string): Query<T> {
  const api = useApi();
  const { i18n } = useTranslation();
  const [state, setState] = useState<{ data?: T; error?: ApiProblem; loading: boolean }>({
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation and language trigger reloads
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path).then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) =>
        current &&
        setState({
          loading: false,
          error: toProblem(error),
        }),
    );
    return () => {
      current = false;
    };
  }, [api, path, generation, i18n.language]);

  return { ...state, reload } as Query<T>;
}
