/**
 * @module designer/api/types
 * The shapes of the API answers the designer reads (server/routes/*, schemas/api). Loose on
 * purpose where the designer only displays a field.
 */

export type Role = "admin" | "designer" | "manager" | "member" | "viewer";

export interface WorkspaceRef {
  readonly id: string;
  readonly name: string;
}

/** GET /api/v1/auth/me and POST /api/v1/auth/login. */
export interface Me {
  readonly user: { id: string; email?: string; name?: string; locale?: string };
  readonly workspaceId: string;
  readonly workspace?: WorkspaceRef;
  readonly workspaces?: readonly WorkspaceRef[];
  readonly role: Role;
  readonly csrfToken?: string;
}

/** The kinds of definitions. */
export type DefinitionKind = "flow" | "form" | "tier-model";

/** One key of GET /api/v1/definitions. */
export interface DefinitionSummary {
  readonly id: string;
  readonly kind: DefinitionKind;
  readonly key: string;
  readonly version: number;
  readonly status: string;
  readonly name: unknown;
  readonly createdAt: number;
  readonly publishedAt: number | null;
  readonly published: number | null;
  readonly draft: number | null;
}

/** One card of GET /api/v1/templates. */
export interface TemplateCard {
  readonly key: string;
  readonly name: unknown;
  readonly description?: unknown;
  readonly version: string;
  readonly industry: string;
  readonly counts: { forms: number; tierModels: number; flows: number };
  readonly sampleData: boolean;
  readonly installedVersion: string | null;
}

export interface ListReply<T> {
  readonly items: readonly T[];
}
