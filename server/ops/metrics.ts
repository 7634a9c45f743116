/**
 * @module server/ops/metrics
 * The HTTP metrics one server process keeps in memory (requests by method, route pattern and
 * status; a latency histogram by method and route pattern) and the Prometheus text format
 * (version 0.0.4) every family is rendered in. Route patterns, never raw URLs, keep the number of
 * series bounded.
 */

/** Labels of one sample. */
export type Labels = Readonly<Record<string, string>>;

/** One metric family: its name, help, type and samples. */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: "counter" | "gauge" | "histogram";
  readonly samples: ReadonlyArray<{
    readonly labels?: Labels;
    readonly value: number;
    /** Suffix of the sample name, e.g. `_bucket` of a histogram. */
    readonly suffix?: string;
  }>;
}

/** Latency histogram buckets, in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** One finished request. */
export interface RequestSample {
  readonly method: string;
  /** The matched route pattern (`/api/v1/tasks/:id`), or `unmatched`. */
  readonly route: string;
  readonly status: number;
  readonly seconds: number;
}

/** The in-memory HTTP metrics of one app. */
export interface HttpMetrics {
  observe(sample: RequestSample): void;
  families(): Family[];
}

interface Histogram {
  readonly labels: Labels;
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * Creates the HTTP metrics registry.
 * @example
 * const metrics = createHttpMetrics();
 * metrics.observe({ method: "GET", route: "/healthz", status: 200, seconds: 0.002 });
 * renderFamilies(metrics.families());
 */
export function createHttpMetrics(): HttpMetrics {
  // Keyed by plain strings joined with a byte no method, route or status contains: this runs on
  // every request, where serializing label objects to JSON was a measurable cost.
  const requests = new Map<string, { labels: Labels; value: number }>();
  const latency = new Map<string, Histogram>();
  return {
    observe(sample) {
      const { method, route } = sample;
      const seriesKey = `${method}\u0000${route}`;
      const counterKey = `${seriesKey}\u0000${sample.status}`;
      let counter = requests.get(counterKey);
      if (!counter) {
        counter = { labels: { method, route, status: String(sample.status) }, value: 0 };
        requests.set(counterKey, counter);
      }
      counter.value++;

      let histogram = latency.get(seriesKey);
      if (!histogram) {
        histogram = {
          labels: { method, route },
          counts: LATENCY_BUCKETS.map(() => 0),
          sum: 0,
          count: 0,
        };
        latency.set(seriesKey, histogram);
      }
      const counts = histogram.counts;
      for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
        if (sample.seconds <= (LATENCY_BUCKETS[i] as number)) counts[i] = (counts[i] as number) + 1;
      }
      histogram.sum += sample.seconds;
      histogram.count++;
    },
    families() {
      const histogramSamples = [...latency.values()].flatMap((h) => [
        ...LATENCY_BUCKETS.map((bound, i) => ({
          suffix: "_bucket",
          labels: { ...h.labels, le: String(bound) },
          value: h.counts[i] ?? 0,
        })),
        { suffix: "_bucket", labels: { ...h.labels, le: "+Inf" }, value: h.count },
        { suffix: "_sum", labels: h.labels, value: h.sum },
        { suffix: "_count", labels: h.labels, value: h.count },
      ]);
      return [
        {
          name: "kamflow_http_requests_total",
          help: "HTTP requests by method, route pattern and status.",
          type: "counter",
          samples: [...requests.values()],
        },
        {
          name: "kamflow_http_request_duration_seconds",
          help: "HTTP request latency by method and route pattern.",
          type: "histogram",
          samples: histogramSamples,
        },
      ];
    },
  };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

/**
 * Renders families in the Prometheus text exposition format.
 * @example
 * renderFamilies([{ name: "up", help: "Up.", type: "gauge", samples: [{ value: 1 }] }]);
 * // "# HELP up Up.\n# TYPE up gauge\nup 1\n"
 */
export function renderFamilies(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels ?? {});
      const rendered =
        labels.length === 0
          ? ""
          : `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
      lines.push(`${family.name}${sample.suffix ?? ""}${rendered} ${formatValue(sample.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Process basics: CPU, memory, start time and the Node.js version.
 * @example renderFamilies(processFamilies(version));
 */
export function processFamilies(version: string): Family[] {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  const startSeconds = Date.now() / 1000 - process.uptime();
  return [
    {
      name: "process_cpu_user_seconds_total",
      help: "User CPU time spent, in seconds.",
      type: "counter",
      samples: [{ value: cpu.user / 1e6 }],
    },
    {
      name: "process_cpu_system_seconds_total",
      help: "System CPU time spent, in seconds.",
      type: "counter",
      samples: [{ value: cpu.system / 1e6 }],
    },
    {
      name: "process_resident_memory_bytes",
      help: "Resident memory size, in bytes.",
      type: "gauge",
      samples: [{ value: memory.rss }],
    },
    {
      name: "nodejs_heap_used_bytes",
      help: "V8 heap used, in bytes.",
      type: "gauge",
      samples: [{ value: memory.heapUsed }],
    },
    {
      name: "nodejs_heap_total_bytes",
      help: "V8 heap allocated, in bytes.",
      type: "gauge",
      samples: [{ value: memory.heapTotal }],
    },
    {
      name: "process_start_time_seconds",
      help: "Start time of the process since the Unix epoch, in seconds.",
      type: "gauge",
      samples: [{ value: Math.round(startSeconds) }],
    },
    {
      name: "kamflow_build_info",
      help: "The kamflow and Node.js versions; always 1.",
      type: "gauge",
      samples: [{ labels: { version, node: process.version }, value: 1 }],
    },
  ];
}
