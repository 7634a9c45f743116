/**
 * @module designer/live/live-store
 * Live updates: one EventSource on GET /api/v1/events while signed in, its connection state for
 * the header's indicator, and typed subscriptions for screens (an inbox reloading on `inbox`, a
 * tier chart on `tier`). EventSource reconnects by itself; the state follows it.
 */
import { createStore } from "zustand/vanilla";

/** The server's event types (server/routes/events.ts). */
export const LIVE_EVENTS = ["inbox", "instance", "tier", "job"] as const;
export type LiveEventType = (typeof LIVE_EVENTS)[number];

export interface LiveEvent {
  readonly type: LiveEventType;
  readonly data: unknown;
}

export type LiveStatus = "connecting" | "open" | "closed";

export interface LiveState {
  readonly status: LiveStatus;
  /** How many events arrived since connecting (a cheap "something changed" signal). */
  readonly received: number;
  connect(): void;
  disconnect(): void;
  /** Calls `listener` for each event of `type`; returns the unsubscribe function. */
  subscribe(type: LiveEventType, listener: (event: LiveEvent) => void): () => void;
}

export type LiveStore = ReturnType<typeof createLiveStore>;

/** Creates the store; `open` makes the EventSource (tests pass a fake). */
export function createLiveStore(
  open: () => EventSource = () => new EventSource("/api/v1/events", { withCredentials: true }),
) {
  const listeners = new Map<LiveEventType, Set<(event: LiveEvent) => void>>();
  let source: EventSource | undefined;

  return createStore<LiveState>()((set) => ({
    status: "closed",
    received: 0,
    connect: () => {
      if (source) return;
      const es = open();
      source = es;
      set({ status: "connecting", received: 0 });
      es.addEventListener("ready", () => set({ status: "open" }));
      es.onopen = () => set({ status: "open" });
      es.onerror = () => set({ status: es.readyState === es.CLOSED ? "closed" : "connecting" });
      for (const type of LIVE_EVENTS)
        es.addEventListener(type, (message) => {
          let data: unknown = null;
          try {
            data = JSON.parse((message as MessageEvent<string>).data);
          } catch {
            // A malformed event is dropped; the stream goes on.
            return;
          }
          set((state) => ({ received: state.received + 1 }));
          for (const listener of listeners.get(type) ?? []) listener({ type, data });
        });
    },
    disconnect: () => {
      source?.close();
      source = undefined;
      set({ status: "closed" });
    },
    subscribe: (type, listener) => {
      const set_ = listeners.get(type) ?? new Set();
      set_.add(listener);
      listeners.set(type, set_);
      return () => set_.delete(listener);
    },
  }));
}
