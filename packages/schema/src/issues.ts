import { type CorridorIssue, formatPath, type PathSegment } from "@corridor/errors";
import type { z } from "zod";
import type { RecordForm } from "./record.js";

/** Object keys of a shared record that can only hold clear identifiers. */
const CLEAR_IDENTIFIER_KEYS = new Set([
  "identifiers",
  "number",
  "given",
  "family",
  "dateOfBirth",
  "placeOfBirth",
  "documents",
  "name",
]);

/**
 * Turns zod issues into Corridor issues whose messages carry no data from the input: the path,
 * the rule broken, and the allowed values of a code list, never the value received. Unrecognized
 * keys are named only when they are field names of the model (a key sent by another agency could
 * itself be personal data); any other key is reported as `<unknown key>`.
 */
export function toCorridorIssues(
  zodIssues: readonly z.core.$ZodIssue[],
  form: RecordForm,
  knownKeys: ReadonlySet<string>,
  input: unknown,
): CorridorIssue[] {
  const out: CorridorIssue[] = [];
  for (const issue of zodIssues) {
    const path: PathSegment[] = issue.path.map((p) =>
      typeof p === "symbol" ? String(p.description) : p,
    );
    const inPseudonyms =
      form === "shared" && path.length > 2 && path[0] === "person" && path[1] === "pseudonyms";
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          const clear = form === "shared" && CLEAR_IDENTIFIER_KEYS.has(key);
          const shown = knownKeys.has(key) ? key : "<unknown key>";
          out.push({
            path: [...path, shown],
            reason: clear ? "clear_identifier" : "unrecognized_key",
            message: clear
              ? `${formatPath([...path, shown])}: a shared record must not carry clear identifiers`
              : `${formatPath([...path, shown])}: field is not part of the schema`,
          });
        }
        break;
      case "invalid_union": {
        const note = "note" in issue && issue.note === "No matching discriminator";
        out.push({
          path,
          reason: note ? "invalid_discriminator" : "invalid_union",
          message: note
            ? `${formatPath(path)}: discriminator has no allowed value`
            : `${formatPath(path)}: matches none of the allowed shapes`,
        });
        break;
      }
      default: {
        const notPseudonym =
          inPseudonyms && (issue.code === "invalid_format" || issue.code === "invalid_type");
        const reason =
          issue.code === "custom" && typeof issue.params?.["reason"] === "string"
            ? issue.params["reason"]
            : notPseudonym
              ? "not_a_pseudonym"
              : issue.code;
        const text = isMissing(input, path)
          ? "required field is missing"
          : issue.code === "custom"
            ? issue.message
            : describe(issue);
        out.push({
          path,
          reason,
          message: `${formatPath(path)}: ${text}${notPseudonym ? " (a pseudonym is required here)" : ""}`,
        });
      }
    }
  }
  return dropShadowedIssues(out);
}

/**
 * A value of the wrong type is one problem: zod 4 may also report length or bound checks of the
 * expected type at the same path (`linkageKeys: "x"` gives `invalid_type` and `too_big`). Keep
 * only the type issue there.
 */
function dropShadowedIssues(issues: CorridorIssue[]): CorridorIssue[] {
  const typed = new Set(
    issues
      .filter((i) => i.reason === "invalid_type" || i.reason === "not_a_pseudonym")
      .map((i) => formatPath(i.path)),
  );
  if (typed.size === 0) return issues;
  return issues.filter(
    (i) =>
      i.reason === "invalid_type" ||
      i.reason === "not_a_pseudonym" ||
      !typed.has(formatPath(i.path)),
  );
}

function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "invalid_value": {
      const values = issue.values.map((v) => JSON.stringify(v));
      return values.length <= 12
        ? `expected one of ${values.join(", ")}`
        : `not in the code list (${values.length} allowed values; see spec/records.md)`;
    }
    case "invalid_format":
      return `does not match the required format${issue.format === "regex" ? "" : ` (${issue.format})`}`;
    case "too_big":
      return `${issue.origin === "array" ? "too many items" : issue.origin === "string" ? "too long" : "too large"}: at most ${String(issue.maximum)}`;
    case "too_small":
      return `${issue.origin === "array" ? "too few items" : issue.origin === "string" ? "too short" : "too small"}: at least ${String(issue.minimum)}`;
    default:
      return `invalid (${issue.code})`;
  }
}

/** True when the last key of `path` is absent from its parent object in `input`. */
function isMissing(input: unknown, path: readonly PathSegment[]): boolean {
  let node = input;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof node !== "object" || node === null) return false;
    node = (node as Record<PathSegment, unknown>)[path[i] as PathSegment];
  }
  const last = path[path.length - 1];
  return (
    last !== undefined && typeof node === "object" && node !== null && !Object.hasOwn(node, last)
  );
}
