/**
 * @module designer/templates/useFollowJob
 * Follows a job until it ends, as CsvImport does: re-read on each live `job` event for it and,
 * in case live events are not connected, every second. `onEnd` runs once, with the ended job.
 */
import { useEffect, useRef, useState } from "react";
import { type ApiProblem, isApiProblem } from "../api/problem.ts";
import { useApi, useLiveEvent } from "../app-context.tsx";
import { jobEnded } from "./template-model.ts";

export function useFollowJob<J extends { readonly id: string; readonly status: string }>(
  onEnd?: (job: J) => void,
): {
  readonly job: J | undefined;
  readonly problem: ApiProblem | undefined;
  follow(job: J | undefined): void;
} {
  const api = useApi();
  const [job, setJob] = useState<J>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [tick, setTick] = useState(0);
  const ended = useRef<string | undefined>(undefined);
  const seenTick = useRef(0);
  const latestOnEnd = useRef(onEnd);
  latestOnEnd.current = onEnd;

  useLiveEvent("job", (event) => {
    if ((event.data as { jobId?: string } | null)?.jobId === job?.id) setTick((n) => n + 1);
  });

  // The ended job reaches onEnd once, whether it ended at once or after polling.
  useEffect(() => {
    if (job && jobEnded(job) && ended.current !== job.id) {
      ended.current = job.id;
      latestOnEnd.current?.(job);
    }
  }, [job]);

  useEffect(() => {
    if (!job || jobEnded(job)) return;
    let current = true;
    // A live event asks for a prompt read; otherwise poll every second.
    const prompt = tick !== seenTick.current;
    seenTick.current = tick;
    const timer = setTimeout(
      () => {
        api.get<{ job: J }>(`/api/v1/jobs/${job.id}`).then(
          (reply) => current && setJob(reply.job),
          (error: unknown) => current && setProblem(isApiProblem(error) ? error : undefined),
        );
      },
      prompt ? 100 : 1000,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, job, tick]);

  return {
    job,
    problem,
    follow: (next) => {
      setProblem(undefined);
      setJob(next);
    },
  };
}
