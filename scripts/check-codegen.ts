/**
 * Generates the source of a record validator from a published JSON Schema (spec/schemas/): one
 * TypeScript module per schema version and form, `packages/schema/src/generated/`, written and
 * drift-checked by `pnpm spec:generate` / `pnpm spec:check` beside the JSON Schemas themselves.
 *
 * The generated function answers "does the schema accept this value?" without building issues
 * or copying, as straight-line code (no closures to call through, no `eval` or `new Function` at
 * run time, so it runs under a strict Content-Security-Policy). `parseRecord` uses it as its
 * fast path and lets zod name the issues of a record it refuses; packages/schema/test/
 * json-schema.test.ts holds zod, ajv and this check to the same verdicts.
 *
 * It understands exactly the keywords the record schemas use and refuses to generate anything
 * else (fail closed): type (object, array, string, integer, number, boolean, null), const and
 * enum (of primitives), pattern, minimum, maximum, minItems, maxItems, items, properties,
 * required, additionalProperties (false or absent), minProperties (with additionalProperties
 * false), oneOf, and $ref into the root's $defs; annotations ($schema, $id, title, description,
 * examples, $comment) are ignored.
 *
 * Where JSON Schema and zod could differ on JavaScript values (a JSON document never meets these
 * cases), the code does as zod does: a member whose value is `undefined` is absent; members are
 * read as `value[name]`; an unknown member is an own enumerable key the schema does not define;
 * an integer is a safe integer; a number is finite. Patterns are compiled with the `u` flag, as
 * JSON Schema specifies.
 */

type Json = Record<string, unknown>;

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "examples", "$comment"]);
const SCALAR_KEYWORDS = ["type", "const", "enum", "pattern", "minimum", "maximum"];
const ARRAY_KEYWORDS = ["type", "items", "minItems", "maxItems"];
const OBJECT_KEYWORDS = ["type", "properties", "required", "additionalProperties", "minProperties"];

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const lit = (v: unknown): string => JSON.stringify(v);

/** Thrown for a schema outside the subset: the generator never guesses. */
export class UnsupportedSchemaError extends Error {
  constructor(where: string, what: string) {
    super(`check-codegen: ${where}: ${what}`);
    this.name = "UnsupportedSchemaError";
  }
}

/** `checkSharedRecord_1_0`: the name of a record check, as packages/schema/src/validate.ts imports it. */
export function recordCheckName(version: string, form: "held" | "shared"): string {
  return `check${form === "held" ? "Held" : "Shared"}Record_${version.replace(".", "_")}`;
}

export interface CheckSourceOptions {
  /** The exported function's name. */
  readonly name: string;
  /** A line for the file's header comment (where the schema comes from). */
  readonly source: string;
}

/**
 * The TypeScript source of a module exporting `function <name>(value: unknown): boolean`, true
 * exactly when `schema` accepts `value`.
 *
 * @throws UnsupportedSchemaError when the schema uses anything outside the subset above.
 */
export function checkSource(schema: Json, options: CheckSourceOptions): string {
  const defs = isObject(schema["$defs"]) ? schema["$defs"] : {};
  const constants: string[] = [];
  const functions: string[] = [];
  const defFunctions = new Map<string, string>();
  const enums = new Map<string, string>();
  const patterns = new Map<string, string>();
  /** Inline object, array and oneOf nodes by their JSON text: identical ones share a function. */
  const inline = new Map<string, string>();
  let counter = 0;

  const only = (node: Json, allowed: readonly string[], where: string) => {
    for (const key of Object.keys(node)) {
      if (!allowed.includes(key) && !ANNOTATIONS.has(key))
        throw new UnsupportedSchemaError(where, `keyword ${key} here`);
    }
  };

  function setOf(values: unknown, where: string): string {
    if (!Array.isArray(values) || values.length === 0)
      throw new UnsupportedSchemaError(where, "enum must list values");
    if (values.some((v) => typeof v === "object" && v !== null))
      throw new UnsupportedSchemaError(where, "enum must list primitives");
    const key = lit(values);
    let name = enums.get(key);
    if (name === undefined) {
      name = `E${enums.size}`;
      enums.set(key, name);
      constants.push(`const ${name}: ReadonlySet<unknown> = new Set<unknown>(${key});`);
    }
    return name;
  }

  function regexOf(pattern: unknown, where: string): string {
    if (typeof pattern !== "string") throw new UnsupportedSchemaError(where, "pattern");
    new RegExp(pattern, "u"); // must compile
    let name = patterns.get(pattern);
    if (name === undefined) {
      name = `P${patterns.size}`;
      patterns.set(pattern, name);
      constants.push(`const ${name} = new RegExp(${lit(pattern)}, "u");`);
    }
    return name;
  }

  function count(value: unknown, where: string): number | undefined {
    if (value === undefined) return undefined;
    if (!Number.isSafeInteger(value) || (value as number) < 0)
      throw new UnsupportedSchemaError(where, "a count must be a non-negative integer");
    return value as number;
  }

  /** The function checking the definition `#/$defs/<name>` (generated once). */
  function defFunction(ref: unknown, where: string): string {
    const prefix = "#/$defs/";
    if (typeof ref !== "string" || !ref.startsWith(prefix))
      throw new UnsupportedSchemaError(where, "only $ref to #/$defs/<name>");
    const name = ref.slice(prefix.length);
    const known = defFunctions.get(name);
    if (known !== undefined) return known;
    const def = defs[name];
    if (!isObject(def) || !Object.hasOwn(defs, name))
      throw new UnsupportedSchemaError(where, `unknown definition ${name}`);
    const fn = `d_${name.replace(/[^A-Za-z0-9_]/g, "_")}_${counter++}`;
    defFunctions.set(name, fn);
    emitFunction(fn, def, ref);
    return fn;
  }

  /** An expression over `x` that is true when `node` accepts `x`. */
  function expression(node: unknown, x: string, where: string): string {
    if (!isObject(node)) throw new UnsupportedSchemaError(where, "a schema must be an object");
    if (node["$ref"] !== undefined) {
      only(node, ["$ref"], where);
      return `${defFunction(node["$ref"], where)}(${x})`;
    }
    const type = node["type"];
    if (node["oneOf"] !== undefined || type === "object" || type === "array") {
      const key = lit(node);
      let fn = inline.get(key);
      if (fn === undefined) {
        fn = `f${counter++}`;
        inline.set(key, fn);
        emitFunction(fn, node, where);
      }
      return `${fn}(${x})`;
    }
    only(node, SCALAR_KEYWORDS, where);
    const tests: string[] = [];
    if (type === "string") tests.push(`typeof ${x} === "string"`);
    else if (type === "integer") tests.push(`Number.isSafeInteger(${x})`);
    else if (type === "number") tests.push(`typeof ${x} === "number" && Number.isFinite(${x})`);
    else if (type === "boolean") tests.push(`typeof ${x} === "boolean"`);
    else if (type === "null") tests.push(`${x} === null`);
    else throw new UnsupportedSchemaError(where, `type ${lit(type)}`);
    if (Object.hasOwn(node, "const")) {
      const value = node["const"];
      if (typeof value === "object" && value !== null)
        throw new UnsupportedSchemaError(where, "const must be a primitive");
      tests.push(`${x} === ${lit(value)}`);
    }
    if (node["enum"] !== undefined) tests.push(`${setOf(node["enum"], where)}.has(${x})`);
    if (node["pattern"] !== undefined) {
      if (type !== "string") throw new UnsupportedSchemaError(where, "pattern on a non-string");
      tests.push(`${regexOf(node["pattern"], where)}.test(${x} as string)`);
    }
    for (const [keyword, op] of [
      ["minimum", ">="],
      ["maximum", "<="],
    ] as const) {
      const bound = node[keyword];
      if (bound === undefined) continue;
      if (type !== "integer" && type !== "number")
        throw new UnsupportedSchemaError(where, `${keyword} on ${lit(type)}`);
      if (typeof bound !== "number" || !Number.isFinite(bound))
        throw new UnsupportedSchemaError(where, `${keyword} must be a number`);
      tests.push(`(${x} as number) ${op} ${lit(bound)}`);
    }
    return tests.join(" && ");
  }

  /** `function <fn>(v: unknown): boolean` for a node (what it calls is emitted on the way). */
  function functionText(fn: string, node: Json, where: string): string {
    const body: string[] = [];
    if (node["oneOf"] !== undefined) oneOf(node, where, body);
    else if (node["type"] === "object") object(node, where, body);
    else if (node["type"] === "array") array(node, where, body);
    else body.push(`return ${expression(node, "v", where)};`);
    return `function ${fn}(v: unknown): boolean {\n${body.map((l) => `  ${l}`).join("\n")}\n}`;
  }

  /** A helper function for a definition or an inline node, headed by where it comes from. */
  function emitFunction(fn: string, node: Json, where: string): void {
    functions.push(`/** ${where} */\n${functionText(fn, node, where)}`);
  }

  function array(node: Json, where: string, body: string[]): void {
    only(node, ARRAY_KEYWORDS, where);
    const min = count(node["minItems"], where);
    const max = count(node["maxItems"], where);
    let test = "!Array.isArray(v)";
    if (min !== undefined && min > 0) test += ` || v.length < ${min}`;
    if (max !== undefined) test += ` || v.length > ${max}`;
    body.push(`if (${test}) return false;`);
    if (node["items"] !== undefined) {
      const item = expression(node["items"], "x", `${where}/items`);
      body.push(
        "for (let i = 0; i < v.length; i++) {",
        "  const x: unknown = v[i];",
        `  if (!(${item})) return false;`,
        "}",
      );
    }
    body.push("return true;");
  }

  function object(node: Json, where: string, body: string[]): void {
    only(node, OBJECT_KEYWORDS, where);
    const properties = node["properties"] ?? {};
    if (!isObject(properties)) throw new UnsupportedSchemaError(where, "properties");
    const required = node["required"] ?? [];
    if (!Array.isArray(required) || required.some((r) => typeof r !== "string"))
      throw new UnsupportedSchemaError(where, "required must list names");
    const closed = node["additionalProperties"] === false;
    if (!closed && node["additionalProperties"] !== undefined)
      throw new UnsupportedSchemaError(where, "additionalProperties must be false or absent");
    const minProperties = count(node["minProperties"], where) ?? 0;
    if (minProperties > 0 && !closed)
      throw new UnsupportedSchemaError(where, "minProperties needs additionalProperties: false");
    const names = Object.keys(properties);
    for (const r of required as string[]) {
      if (!names.includes(r)) throw new UnsupportedSchemaError(where, `required ${r} undefined`);
    }
    body.push(
      'if (typeof v !== "object" || v === null || Array.isArray(v)) return false;',
      "const o = v as Record<string, unknown>;",
    );
    if (names.length > 0) body.push("let x: unknown;");
    if (minProperties > 0) body.push("let present = 0;");
    const counted = minProperties > 0 ? " present++;" : "";
    for (const name of names) {
      const test = expression(properties[name], "x", `${where}/properties/${name}`);
      body.push(`x = o[${lit(name)}];`);
      if ((required as string[]).includes(name)) {
        body.push(`if (x === undefined || !(${test})) return false;${counted}`);
      } else {
        body.push(`if (x !== undefined) {`, `  if (!(${test})) return false;${counted}`, "}");
      }
    }
    if (minProperties > 0) body.push(`if (present < ${minProperties}) return false;`);
    if (closed) {
      body.push("for (const k in o) {");
      if (names.length > 0) {
        body.push("  switch (k) {");
        for (const name of names) body.push(`    case ${lit(name)}:`);
        body.push("      continue;", "  }");
      }
      body.push("  if (hasOwn.call(o, k)) return false;", "}");
    }
    body.push("return true;");
  }

  function oneOf(node: Json, where: string, body: string[]): void {
    only(node, node === schema ? ["oneOf", "$defs"] : ["oneOf"], where);
    const list = node["oneOf"];
    if (!Array.isArray(list) || list.length === 0)
      throw new UnsupportedSchemaError(where, "oneOf must list schemas");
    const tests = list.map((b, i) => expression(b, "v", `${where}/oneOf/${i}`));
    const tag = discriminator(list);
    if (tag !== undefined) {
      // Each branch requires the tag to be a different string constant, so at most one branch
      // can accept a value, the one its tag names: "exactly one" is "the named one accepts".
      body.push(
        'if (typeof v !== "object" || v === null) return false;',
        `switch ((v as Record<string, unknown>)[${lit(tag.name)}]) {`,
      );
      for (const [i, value] of tag.values.entries())
        body.push(`  case ${lit(value)}:`, `    return ${tests[i]};`);
      body.push("  default:", "    return false;", "}");
      return;
    }
    body.push("let matches = 0;");
    for (const test of tests) body.push(`if (${test}) matches++;`);
    body.push("return matches === 1;");
  }

  /** A member every branch requires to be a string constant, a different one in each branch. */
  function discriminator(list: unknown[]): { name: string; values: string[] } | undefined {
    const branches = list.map((b) =>
      isObject(b) && typeof b["$ref"] === "string" && b["$ref"].startsWith("#/$defs/")
        ? defs[b["$ref"].slice("#/$defs/".length)]
        : b,
    );
    const first = branches[0];
    if (!isObject(first) || !isObject(first["properties"])) return undefined;
    for (const name of Object.keys(first["properties"])) {
      const values: string[] = [];
      for (const b of branches) {
        if (!isObject(b) || b["type"] !== "object" || !isObject(b["properties"])) break;
        const member = b["properties"][name];
        const required = b["required"];
        if (!isObject(member) || typeof member["const"] !== "string") break;
        if (!Array.isArray(required) || !required.includes(name)) break;
        values.push(member["const"]);
      }
      if (values.length === list.length && new Set(values).size === values.length)
        return { name, values };
    }
    return undefined;
  }

  const main = functionText(options.name, schema, "#");
  return [
    "// Generated by scripts/check-codegen.ts from",
    `// ${options.source}`,
    "// Do not edit: run `pnpm spec:generate` (CI fails when this file drifts).",
    "",
    "const hasOwn = Object.prototype.hasOwnProperty;",
    "",
    ...constants,
    "",
    "/** True when the JSON Schema above accepts `v`. */",
    `export ${main}`,
    "",
    ...functions.flatMap((f) => [f, ""]),
  ].join("\n");
}
