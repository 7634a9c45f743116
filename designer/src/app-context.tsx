/**
 * @module designer/app-context
 * The per-app services (API client, session and live-update stores), made once by `AppServices`
 * and reached through hooks, so no store is a module singleton and tests can mount two apps.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { type ApiClient, createApiClient } from "./api/client.ts";
import {
  createLiveStore,
  type LiveEvent,
  type LiveEventType,
  type LiveState,
  type LiveStore,
} from "./live/live-store.ts";
import {
  createSessionStore,
  type SessionState,
  type SessionStore,
} from "./session/session-store.ts";

interface Services {
  readonly api: ApiClient;
  readonly session: SessionStore;
  readonly live: LiveStore;
}

const ServicesContext = createContext<Services | null>(null);

/** Makes the services once and provides them. */
export function AppServices({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [services] = useState<Services>(() => {
    let session: SessionStore | undefined;
    const api = createApiClient({
      language: () => i18n.language,
      csrfToken: () => session?.getState().me?.csrfToken,
      onUnauthorized: () => session?.getState().expire(),
    });
    session = createSessionStore(() => api);
    return { api, session, live: createLiveStore() };
  });
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices() needs <AppServices> above it");
  return services;
}

/** The API client. */
export const useApi = (): ApiClient => useServices().api;

/** A slice of the session state. */
export function useSession<T>(select: (state: SessionState) => T): T {
  return useStore(useServices().session, select);
}

/** A slice of the live-update state. */
export function useLive<T>(select: (state: LiveState) => T): T {
  return useStore(useServices().live, select);
}

/** Calls `listener` for every live event of `type` while the component is mounted. */
export function useLiveEvent(type: LiveEventType, listener: (event: LiveEvent) => void): void {
  const { live } = useServices();
  const [latest] = useState(() => ({ listener }));
  latest.listener = listener;
  useEffect(() => live.getState().subscribe(type, (e) => latest.listener(e)), [live, type, latest]);
}
