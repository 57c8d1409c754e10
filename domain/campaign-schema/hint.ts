/** Field hints: what a field holds and an example line, carried as zod metadata (see `../campaign-schema.ts`). */

/** A field's hint, for validation messages and editors: what it holds, and an example line. */
// A type, not an interface, so that zod's .meta() (an index signature) accepts it.
export type FieldMeta = {
  /** What the field holds, in Vietnamese, e.g. "ngày đơn vị phải nộp". */
  hint?: string;
  /** The same in English, e.g. "the date units must submit by" (messages in `--lang en`). */
  hintEn?: string;
  /** A line of YAML that would be valid, e.g. "deadline: trước ngày 15/10/2009". */
  example?: string;
  /** The example in English when it is prose rather than YAML. */
  exampleEn?: string;
};

/** A field's hint as zod metadata (typed, so a misspelt key does not compile). */
export const hint = (meta: FieldMeta) => meta;
