import type { z } from 'zod';

/*
 * Text is matched on its NFKC fold (the router hands commands １２月５日 as 12月5日, 「，」 as ","),
 * but stored and shown as the person wrote it: a full-width comma, 「℃」 and 「①」 stay. A command
 * marks its free-text arguments with `asWritten`; after it parsed the folded text, the router puts
 * each marked string back as written (`restoreWritten`), so the bot and `shequ parse` agree.
 */

/** A text folded code point by code point, with where each folded unit came from in the text as written. */
export interface Folded {
  text: string;
  from: number[];
  to: number[];
}

export function fold(text: string): Folded {
  let folded = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  for (const char of text) {
    const unit = char.normalize('NFKC');
    for (let k = 0; k < unit.length; k++) {
      from.push(index);
      to.push(index + char.length);
    }
    folded += unit;
    index += char.length;
  }
  return { text: folded, from, to };
}

/** The fold as the router sees it: a run of blanks within a line is one space, CR LF one line break. */
function foldAsRouted(text: string): Folded {
  const units = fold(text);
  const out: Folded = { text: '', from: [], to: [] };
  for (let i = 0; i < units.text.length; i++) {
    const unit = units.text[i]!;
    if (unit === '\r' && units.text[i + 1] === '\n') continue;
    const blank = unit !== '\n' && /\s/.test(unit);
    if (blank && out.text.endsWith(' ')) {
      out.to[out.to.length - 1] = units.to[i]!;
      continue;
    }
    out.text += blank ? ' ' : unit;
    out.from.push(units.from[i]!);
    out.to.push(units.to[i]!);
  }
  return out;
}

/** The shortest run of a built text worth looking up in the original (a label's colon alone is not). */
const MIN_RUN = 2;
/** A built text is looked up part by part only up to this length: a pasted page is not searched run by run. */
const MAX_BUILT = 2_000;

/**
 * `fragment` of the folded text as it stands in `original`. A text a command built from parts of it
 * (「预计影响:低洼路段积水,…」 kept for the next answer) gets each part back as written; what is not
 * in the original stays as it is.
 */
export function writtenAs(fragment: string, original: string): string {
  return writtenIn(fragment, { original });
}

/** A message as written, folded on first need and once: several arguments may come from it. */
interface Source {
  original: string;
  folded?: Folded;
}

function writtenIn(fragment: string, source: Source): string {
  if (fragment === '') return fragment;
  const { original } = source;
  const folded = (source.folded ??= foldAsRouted(original));
  const slice = (at: number, length: number) => original.slice(folded.from[at], folded.to[at + length - 1]);
  const whole = folded.text.indexOf(fragment);
  if (whole >= 0) return slice(whole, fragment.length);
  if (fragment.length > MAX_BUILT) return fragment;
  let out = '';
  let i = 0;
  while (i < fragment.length) {
    let length = 0;
    while (i + length < fragment.length && folded.text.includes(fragment.slice(i, i + length + 1))) length += 1;
    if (length < MIN_RUN) {
      out += fragment[i];
      i += 1;
      continue;
    }
    const run = fragment.slice(i, i + length);
    out += slice(folded.text.indexOf(run), length);
    i += length;
  }
  return out;
}

const WRITTEN = new WeakSet<object>();

/** Marks a string argument as free text, kept as written (a description, a note, a title, a reason). */
export function asWritten<T extends z.ZodType>(schema: T): T {
  WRITTEN.add(schema);
  return schema;
}

/** What a zod 4 schema says of itself: its kind and the schemas inside it. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Arguments parsed from the folded text, with every string marked `asWritten` put back as `original` has it. */
export function restoreWritten(schema: z.ZodType, value: unknown, original: string): unknown {
  return restoreIn(schema, value, { original });
}

function restoreIn(schema: z.ZodType, value: unknown, source: Source): unknown {
  if (WRITTEN.has(schema)) return typeof value === 'string' ? writtenIn(value, source) : value;
  if (value === null || value === undefined) return value;
  const def = defOf(schema);
  if (def.innerType) return restoreIn(def.innerType, value, source);
  if (def.type === 'object' && def.shape && typeof value === 'object' && !(value instanceof Date)) {
    const restored: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, field] of Object.entries(def.shape)) if (key in restored) restored[key] = restoreIn(field, restored[key], source);
    return restored;
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) return value.map((item) => restoreIn(def.element!, item, source));
  if (def.type === 'record' && def.valueType && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, restoreIn(def.valueType!, item, source)]));
  }
  if (def.type === 'union' && def.options) {
    const option = def.options.find((candidate) => candidate.safeParse(value).success);
    return option ? restoreIn(option, value, source) : value;
  }
  return value;
}
