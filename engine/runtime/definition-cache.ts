/**
 * @module runtime/definition-cache
 * Published definitions compiled once per stored version: a flow validated (with its schema
 * defaults), a form's compiled validator, a tier model's evaluator. Stored versions never change,
 * so entries never go stale; the cache is bounded so it cannot grow without limit.
 */
import type { FlowDefinition } from "../../schemas/index.ts";
import { DefinitionError } from "../errors/index.ts";
import { validateFlow } from "../flows/index.ts";
import {
  type CompiledForm,
  createFormCompiler,
  expandDataSchema,
  type FormDataSchema,
} from "../forms/index.ts";
import type { Clock } from "../ports.ts";
import { type Db, getDefinition, type StoredDefinition } from "../store/index.ts";
import { type CompiledTierModel, compileTierModel, type TierModel } from "../tiers/index.ts";

const MAX_ENTRIES = 512;

class Lru<V> {
  readonly #entries = new Map<string, V>();
  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.#entries.set(key, value);
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

export interface CompiledFlow {
  readonly stored: StoredDefinition;
  readonly flow: FlowDefinition;
}

export interface DefinitionCache {
  /** A published flow version by definition id, validated with defaults applied. */
  /** `db` may be a transaction or the store's connection (read-only views). */
  flow(db: Db, workspaceId: string, definitionId: string): Promise<CompiledFlow>;
  form(stored: StoredDefinition): CompiledForm;
  /** A tier model compiled with the versions of the models it may use (part of the cache key). */
  tierModel(stored: StoredDefinition, models: readonly StoredDefinition[]): CompiledTierModel;
}

/** Creates the cache of one engine. */
export function createDefinitionCache(clock: Clock): DefinitionCache {
  const flows = new Lru<CompiledFlow>();
  const tiers = new Lru<CompiledTierModel>();
  const forms = createFormCompiler({ maxEntries: MAX_ENTRIES });

  return {
    async flow(db, workspaceId, definitionId) {
      const cached = flows.get(definitionId);
      if (cached) return cached;
      const stored = await getDefinition(db, { workspaceId, id: definitionId });
      if (!stored) throw new Error(`Flow definition ${definitionId} is missing`);
      const checked = validateFlow(stored.body);
      if (!checked.ok) throw new DefinitionError(checked.issues);
      const compiled = { stored, flow: checked.value };
      flows.set(definitionId, compiled);
      return compiled;
    },
    form(stored) {
      return forms.compile({ ...(stored.body as object), version: stored.version } as never);
    },
    tierModel(stored, models) {
      // A newer version of a model this one reads must not be served from an old compile.
      const key = `${stored.id}|${models.map((m) => m.id).join(",")}`;
      const cached = tiers.get(key);
      if (cached) return cached;
      const bodies = models.map((m) => m.body as TierModel);
      const compiled = compileTierModel(stored.body as TierModel, { clock, models: bodies });
      tiers.set(key, compiled);
      return compiled;
    },
  };
}

/** The record schema of a form body (the data schema with what its field types imply). */
export function recordSchemaOf(formBody: unknown): object {
  return expandDataSchema((formBody as { dataSchema: FormDataSchema }).dataSchema);
}
