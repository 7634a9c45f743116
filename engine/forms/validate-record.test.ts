import { describe, expect, it } from "vitest";
import { type Issue, localizeIssue } from "../errors/index.ts";
import { accountProfile, cloneProfile, goodAccount } from "./account-profile.fixture.ts";
import { createFormCompiler, type FormRecord } from "./index.ts";

const forms = createFormCompiler();
const profile = forms.compile(accountProfile);

function valid(input: unknown, previous?: FormRecord): FormRecord {
  const result = profile.validateRecord(input, { previous });
  if (!result.ok) throw new Error(`expected a valid record, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

function issuesOf(input: unknown, form = profile): Array<Pick<Issue, "code" | "pointer">> {
  const result = form.validateRecord(input);
  if (result.ok) throw new Error("expected the record to be invalid");
  return result.issues.map(({ code, pointer }) => ({ code, pointer }));
}

const withChanges = (changes: Record<string, unknown>) => ({ ...goodAccount(), ...changes });

describe("CompiledForm.validateRecord", () => {
  it("accepts a good key account and writes the computed fields", () => {
    expect(valid(goodAccount())).toMatchObject({
      name: "华东重工集团",
      valueTier: "key",
      grossProfit: 264_000,
      isStrategic: true,
    });
  });

  it("evaluates computed fields in dependency order (isStrategic reads valueTier)", () => {
    expect(valid(withChanges({ annualPurchase: 500_000, margin: 30 }))).toMatchObject({
      valueTier: "growth",
      isStrategic: false,
    });
  });

  it("never trusts computed values from input", () => {
    const record = valid(
      withChanges({
        grossProfit: 999_999_999,
        valueTier: "key",
        isStrategic: true,
        annualPurchase: 100_000,
      }),
    );
    expect(record).toMatchObject({ grossProfit: 22_000, valueTier: "regular", isStrategic: false });
  });

  it("does not mutate its input", () => {
    const input = withChanges({ grossProfit: 1 });
    const before = structuredClone(input);
    valid(input);
    expect(input).toEqual(before);
  });

  it("points at the cell of a bad sub-table phone", () => {
    const input = goodAccount();
    (input.contacts as unknown[]).push(
      { name: "赵经理", role: "supporter" },
      { name: "钱工", role: "opponent", phone: "12345678901" },
    );
    expect(issuesOf(input)).toEqual([{ code: "FORM_VALUE_INVALID", pointer: "/contacts/3/phone" }]);
  });

  it("points at a missing required field and a missing required column", () => {
    const input = withChanges({
      contacts: [{ name: "王总", role: "decision-maker" }, { name: "李工" }],
    });
    delete input.name;
    expect(issuesOf(input)).toEqual([
      { code: "FORM_FIELD_REQUIRED", pointer: "/name" },
      { code: "FORM_FIELD_REQUIRED", pointer: "/contacts/1/role" },
    ]);
  });

  it("rejects bad values of each field type with their pointers", () => {
    const input = withChanges({
      industry: "mining",
      annualPurchase: -1,
      margin: 120,
      phone: "+8613812345678",
      tags: ["vip", "vip"],
      nps: 11,
      contractStart: "2026-02-30",
      owner: "",
      businessLicense: {
        name: "x.pdf",
        size: 1,
        mimeType: "application/pdf",
        url: "javascript:alert(1)",
      },
    });
    expect(issuesOf(input)).toEqual([
      { code: "FORM_FIELD_REQUIRED", pointer: "/owner" },
      { code: "FORM_VALUE_INVALID", pointer: "/industry" },
      { code: "FORM_VALUE_INVALID", pointer: "/annualPurchase" },
      { code: "FORM_VALUE_INVALID", pointer: "/margin" },
      { code: "FORM_VALUE_INVALID", pointer: "/phone" },
      { code: "FORM_VALUE_INVALID", pointer: "/tags" },
      { code: "FORM_VALUE_INVALID", pointer: "/nps" },
      { code: "FORM_VALUE_INVALID", pointer: "/contractStart" },
      { code: "FORM_VALUE_INVALID", pointer: "/businessLicense/url" },
    ]);
  });

  it("rejects fields the form does not have, including __proto__", () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "bogus": 1}') as FormRecord;
    Object.assign(input, goodAccount());
    expect(issuesOf(input)).toEqual([
      { code: "FORM_FIELD_UNKNOWN", pointer: "/__proto__" },
      { code: "FORM_FIELD_UNKNOWN", pointer: "/bogus" },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects a record that is not an object", () => {
    for (const input of [null, [], "x", 1]) {
      expect(issuesOf(input)).toEqual([{ code: "FORM_RECORD_NOT_OBJECT", pointer: "" }]);
    }
  });

  it("treats null as no value", () => {
    expect(valid(withChanges({ phone: null, nps: null }))).not.toHaveProperty("phone");
  });

  describe("required-if", () => {
    it("requires a low-margin reason below 10 %", () => {
      expect(issuesOf(withChanges({ margin: 8 }))).toEqual([
        { code: "FORM_FIELD_REQUIRED", pointer: "/lowMarginReason" },
      ]);
      expect(valid(withChanges({ margin: 8, lowMarginReason: "战略定价" }))).toMatchObject({
        margin: 8,
      });
    });

    it("does not require it at 10 % or more, nor count blank text as a value", () => {
      expect(valid(withChanges({ margin: 10 }))).toMatchObject({ margin: 10 });
      expect(issuesOf(withChanges({ margin: 8, lowMarginReason: "   " }))).toEqual([
        { code: "FORM_FIELD_REQUIRED", pointer: "/lowMarginReason" },
      ]);
    });
  });

  describe("visibility", () => {
    it("does not require a hidden field (industryOther is required but shown only for 'other')", () => {
      expect(valid(withChanges({ industry: "saas" }))).not.toHaveProperty("industryOther");
      expect(issuesOf(withChanges({ industry: "other" }))).toEqual([
        { code: "FORM_FIELD_REQUIRED", pointer: "/industryOther" },
      ]);
    });

    it("drops the value of a hidden field by default", () => {
      const record = valid(withChanges({ industry: "saas", industryOther: "矿业" }));
      expect(record).not.toHaveProperty("industryOther");
      expect(valid(withChanges({ industry: "other", industryOther: "矿业" }))).toMatchObject({
        industryOther: "矿业",
      });
    });

    it("hides every field of a hidden section and requires them once it shows", () => {
      expect(valid(withChanges({ atRisk: false, churnReason: "价格" }))).not.toHaveProperty(
        "churnReason",
      );
      expect(issuesOf(withChanges({ atRisk: true }))).toEqual([
        { code: "FORM_FIELD_REQUIRED", pointer: "/churnReason" },
      ]);
    });

    it("keeps the stored value and ignores input under the 'keep' policy", () => {
      const def = cloneProfile();
      Object.assign(def.rules as object, { hiddenValues: "keep" });
      const form = forms.compile({ ...def, key: "account-profile-keep" });
      const previous = { ...goodAccount(), industryOther: "旧值" };
      const result = form.validateRecord(withChanges({ industry: "saas", industryOther: "新值" }), {
        previous,
      });
      expect(result.ok && result.value.industryOther).toBe("旧值");
    });
  });

  describe("cross-field validations", () => {
    it("reports the definition's check on the first field it names", () => {
      expect(issuesOf(withChanges({ contractEnd: "2025-12-31" }))).toEqual([
        { code: "FORM_VALIDATION_FAILED", pointer: "/contractEnd" },
      ]);
    });

    it("requires a decision maker for a key account only", () => {
      const contacts = [{ name: "李工", role: "influencer" }];
      expect(issuesOf(withChanges({ contacts }))).toEqual([
        { code: "FORM_VALIDATION_FAILED", pointer: "/contacts" },
      ]);
      expect(valid(withChanges({ contacts, annualPurchase: 200_000 }))).toMatchObject({
        valueTier: "regular",
      });
    });

    it("skips a check while a field it names is already invalid", () => {
      expect(issuesOf(withChanges({ contractEnd: "not a date" }))).toEqual([
        { code: "FORM_VALUE_INVALID", pointer: "/contractEnd" },
      ]);
    });

    it("gives messages in zh-CN and en that differ", () => {
      const input = withChanges({ contractEnd: "2025-12-31", phone: "123" });
      const zh = profile.validateRecord(input, { locale: "zh-CN" });
      const en = profile.validateRecord(input, { locale: "en" });
      if (zh.ok || en.ok) throw new Error("expected issues");
      expect(zh.issues).toHaveLength(2);
      zh.issues.forEach((issue, i) => {
        const english = en.issues[i];
        expect(issue.message.length).toBeGreaterThan(0);
        expect(issue.message).not.toBe(english?.message);
        expect(localizeIssue(issue, "en").message).toBe(english?.message);
      });
      expect(zh.issues[1]?.message).toBe("合同结束日期必须晚于开始日期");
    });
  });

  it("runs a catastrophic pattern on 10,000 characters on the linear-time engine", () => {
    const def = cloneProfile();
    Object.assign(def.dataSchema.properties, {
      code: { "x-kam-field": "text", type: "string", pattern: "^(a|a)*$", maxLength: 20_000 },
    });
    const form = forms.compile({ ...def, key: "account-profile-redos" });
    const evil = `${"a".repeat(10_000)}!`;
    expect(issuesOf(withChanges({ code: evil }), form)).toEqual([
      { code: "FORM_VALUE_INVALID", pointer: "/code" },
    ]);
    expect(form.validateRecord(withChanges({ code: "a".repeat(10_000) })).ok).toBe(true);
  });
  it("reports a computed rule that exceeds its budget as an issue, without throwing", () => {
    const def = cloneProfile();
    const many = Array.from({ length: 26 }, (_, i) => i);
    const doubling = {
      reduce: [
        { merge: [{ var: "tags" }, many] },
        { merge: [{ var: "accumulator" }, { var: "accumulator" }] },
        [1],
      ],
    };
    Object.assign(def.rules, { computed: { ...def.rules.computed, grossProfit: doubling } });
    const form = forms.compile({ ...def, key: "account-profile-budget" });
    expect(issuesOf(goodAccount(), form)).toEqual([
      { code: "RULE_BUDGET_EXCEEDED", pointer: "/grossProfit" },
    ]);
    expect(form.evaluateFormState(goodAccount()).issues.map((i) => i.params?.rulePointer)).toEqual([
      "/rules/computed/grossProfit/reduce/1/merge",
    ]);
  });
});

describe("CompiledForm.evaluateFormState", () => {
  it("reports visibility, required flags and computed values for the live preview", () => {
    const state = profile.evaluateFormState({
      industry: "other",
      annualPurchase: 400_000,
      margin: 5,
      atRisk: false,
    });
    expect(state.fields.industryOther).toEqual({ visible: true, required: true, computed: false });
    expect(state.fields.lowMarginReason).toMatchObject({ visible: true, required: true });
    expect(state.fields.churnReason).toEqual({ visible: false, required: false, computed: false });
    expect(state.fields.grossProfit).toEqual({ visible: true, required: false, computed: true });
    expect(state.sections).toMatchObject({ risk: { visible: false }, basic: { visible: true } });
    expect(state.computed).toEqual({
      valueTier: "growth",
      isStrategic: false,
      grossProfit: 20_000,
    });
    expect(state.issues).toEqual([]);
  });

  it("leaves a computed field empty when its inputs are missing", () => {
    const state = profile.evaluateFormState({ annualPurchase: 100 });
    expect(state.record).not.toHaveProperty("grossProfit");
    expect(state.record).toMatchObject({ valueTier: "regular" });
    expect(state.computed.grossProfit).toBeNull();
  });
});
