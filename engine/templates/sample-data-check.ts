/**
 * @module templates/sample-data-check
 * The references inside a (schema-valid) sample-data spec: its forms are the pack's, its fields
 * are those forms' fields, `per` names an earlier generator's form, people's teams, owners and
 * account-team members exist, and parent generators are used only under `per`.
 */
import type { TemplateSampleData } from "../../schemas/template-sample-data.schema.ts";
import { type Issue, issue, ptr } from "../errors/index.ts";

type Generator = { readonly gen: string; readonly role?: string; readonly person?: string };

/** Issues of `sample`, pointers relative to it; `forms` maps the pack's form keys to schemas. */
export function checkSampleData(
  sample: TemplateSampleData,
  forms: ReadonlyMap<string, object>,
): Issue[] {
  const issues: Issue[] = [];
  const missing = (pointer: string, kind: string, key: string) =>
    issues.push(issue("PACK_SAMPLE_REFERENCE_UNRESOLVED", pointer, { kind, key }));

  const teams = new Set<string>();
  const people = new Set(sample.people.map((p) => p.key));
  (sample.teams ?? []).forEach((team, index) => {
    if (team.parent !== undefined && !teams.has(team.parent))
      missing(ptr("teams", index, "parent"), "team", team.parent);
    if (team.manager !== undefined && !people.has(team.manager))
      missing(ptr("teams", index, "manager"), "person", team.manager);
    teams.add(team.key);
  });
  const roles = new Set<string>();
  sample.people.forEach((person, index) => {
    if (person.team !== undefined && !teams.has(person.team))
      missing(ptr("people", index, "team"), "team", person.team);
    for (const role of person.businessRoles ?? []) roles.add(role);
  });

  const generated = new Set<string>();
  sample.records.forEach((generator, index) => {
    const base = ptr("records", index);
    const schema = forms.get(generator.form) as
      | { properties?: Record<string, unknown> }
      | undefined;
    if (schema === undefined)
      issues.push(
        issue("PACK_REFERENCE_UNRESOLVED", `${base}/form`, { kind: "form", key: generator.form }),
      );
    if (generator.per !== undefined && !generated.has(generator.per.form))
      missing(`${base}/per/form`, "generator", generator.per.form);
    if (generator.owner !== undefined && !roles.has(generator.owner.role))
      missing(`${base}/owner/role`, "business role", generator.owner.role);
    (generator.accountTeam ?? []).forEach((member, i) => {
      if (!people.has(member.person))
        missing(`${base}/accountTeam/${i}/person`, "person", member.person);
    });
    for (const [field, spec] of Object.entries(generator.fields)) {
      const pointer = `${base}/fields/${field}`;
      if (schema !== undefined && !Object.hasOwn(schema.properties ?? {}, field))
        issues.push(issue("PACK_SAMPLE_FIELD_UNKNOWN", pointer, { form: generator.form, field }));
      const g = spec as Generator;
      if ((g.gen === "parent" || g.gen === "earlier-sibling") && generator.per === undefined)
        missing(`${pointer}/gen`, "parent generator (per)", generator.form);
      if (g.gen === "person" && g.role !== undefined && !roles.has(g.role))
        missing(`${pointer}/role`, "business role", g.role);
      if (g.gen === "person" && g.person !== undefined && !people.has(g.person))
        missing(`${pointer}/person`, "person", g.person);
    }
    generated.add(generator.form);
  });
  return issues;
}
