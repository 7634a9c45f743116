/**
 * @module designer/session/session-store
 * Who is signed in: a zustand store made once per app (not a module singleton) over the API
 * client. `refresh` asks the server (GET /auth/me, which also hands back the session's CSRF token
 * after a reload); `login` and `logout` change the session.
 */
import { createStore } from "zustand/vanilla";
import type { ApiClient } from "../api/client.ts";
import type { Me } from "../api/types.ts";

export type SessionStatus = "loading" | "anonymous" | "signedIn";

export interface SessionState {
  readonly status: SessionStatus;
  readonly me: Me | null;
  refresh(): Promise<void>;
  login(input: { email: string; password: string; workspaceId?: string }): Promise<void>;
  logout(): Promise<void>;
  /** The server said 401: the session is over. */
  expire(): void;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** Creates the store; `api` is read lazily because the client itself reads the store. */
export function createSessionStore(api: () => ApiClient) {
  return createStore<SessionState>()((set) => ({
    status: "loading",
    me: null,
    refresh: async () => {
      try {
        const me = await api().get<Me>("/api/v1/auth/me");
        set({ status: "signedIn", me });
      } catch (error) {
        set({ status: "anonymous", me: null });
        // Signed out is a normal answer here; anything else the caller shows.
        if ((error as { status?: number }).status !== 401) throw error;
      }
    },
    login: async (input) => {
      const session = await api().post<Me>("/api/v1/auth/login", input);
      // The token first: /me is a GET, but every later write needs it.
      set({ me: session });
      const me = await api().get<Me>("/api/v1/auth/me");
      set({ status: "signedIn", me: { ...me, csrfToken: me.csrfToken ?? session.csrfToken } });
    },
    logout: async () => {
      try {
        await api().post("/api/v1/auth/logout");
      } finally {
        set({ status: "anonymous", me: null });
      }
    },
    expire: () => set({ status: "anonymous", me: null }),
  }));
}
