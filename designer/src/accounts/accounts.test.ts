import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  accountForms,
  type FormBody,
  fieldsOf,
  type TierModelBody,
  trendOf,
} from "./account-model.ts";
import { deleteView, readViews, recordParams, saveView } from "./list-query.ts";

const pack = (path: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../templates/b2b-key-accounts/${path}`, import.meta.url), "utf8"),
  );
const account = pack("forms/account.json") as FormBody;
const tierModel = pack("tier-models/account-tier.json") as TierModelBody;

describe("fieldsOf", () => {
  it("lists fields in the form's section order with localised labels and kinds", () => {
    const fields = fieldsOf(account, "zh-CN");
    expect(fields.map((f) => f.name).slice(0, 3)).toEqual(["name", "industry", "size"]);
    expect(fields[0]).toMatchObject({ label: "客户名称", kind: "text" });
    expect(fields.find((f) => f.name === "annualPurchase")?.kind).toBe("number");
    expect(fields.find((f) => f.name === "industry")?.options?.manufacturing).toBe("装备制造");
    expect(fieldsOf(account, "en")[0]?.label).toBe("Account name");
    expect(new Set(fields.map((f) => f.name)).size).toBe(
      Object.keys(account.dataSchema.properties ?? {}).length,
    );
  });
});

describe("accountForms and trendOf", () => {
  it("puts the form called account first", () => {
    const models = [
      { ...tierModel, form: "customer" },
      tierModel,
      { ...tierModel, form: "member" },
    ];
    expect(accountForms(models)).toEqual(["account", "customer", "member"]);
  });
  it("reads a move to a better tier as up", () => {
    expect(trendOf(tierModel, "key", "growth")).toBe("up");
    expect(trendOf(tierModel, "regular", "growth")).toBe("down");
    expect(trendOf(tierModel, "growth", null)).toBe("new");
    expect(trendOf(tierModel, "growth", "growth")).toBe("same");
  });
});

describe("recordParams", () => {
  it("turns filters, search and sort into the records API's query", () => {
    const params = new URLSearchParams(
      recordParams({
        form: "account",
        filters: [
          { field: "region", op: "eq", value: "east" },
          { field: "annualPurchase", op: "gte", value: "1000000" },
          { field: "size", op: "eq", value: "" },
        ],
        search: " 华东 ",
        searchField: "name",
        sort: "-annualPurchase",
      }),
    );
    expect([...params]).toEqual([
      ["form", "account"],
      ["filter[region][eq]", "east"],
      ["filter[annualPurchase][gte]", "1000000"],
      ["filter[name][contains]", "华东"],
      ["sort", "-annualPurchase"],
    ]);
  });
});

describe("saved views", () => {
  const memory = () => {
    const data = new Map<string, string>();
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
  };
  const query = { form: "account", filters: [], search: "", sort: "" };

  it("saves, replaces by name and deletes", () => {
    const storage = memory();
    saveView(storage, "k", { name: "华东重点", query });
    saveView(storage, "k", { name: "all", query });
    const replaced = saveView(storage, "k", {
      name: "华东重点",
      query: { ...query, sort: "name" },
    });
    expect(replaced.map((v) => v.name)).toEqual(["all", "华东重点"]);
    expect(readViews(storage, "k").at(-1)?.query.sort).toBe("name");
    expect(deleteView(storage, "k", "all").map((v) => v.name)).toEqual(["华东重点"]);
  });

  it("reads a damaged entry as no views", () => {
    const storage = memory();
    storage.setItem("k", "{not json");
    expect(readViews(storage, "k")).toEqual([]);
    storage.setItem("k", JSON.stringify([{ name: 1 }, { name: "ok", query }]));
    expect(readViews(storage, "k").map((v) => v.name)).toEqual(["ok"]);
  });
});
