/**
 * Writing answers as JSON. Every route's response schema documents its answer (OpenAPI) and is
 * where its fields are chosen; zod's encoder, which fastify-type-provider-zod runs on every answer,
 * also validates each value on the way out, and on large lists (the public station directory, a
 * case queue) that walk cost more than the query. In service the answer is instead projected
 * through a function compiled once per schema: it keeps exactly the declared fields, in the
 * schema's order, and copies leaves as they are, so the JSON is the same byte for byte, and it
 * leaves the validation to the tests, which check every answer against its schema and against
 * the projection (`checkResponses`).
 */
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, encode, type $ZodTypes } from 'zod/v4/core';

/** A value as zod's encoder would give it, or null: the value as it is. */
type Projection = ((value: unknown) => unknown) | null;

const compiled = new WeakMap<$ZodType, Projection>();
const building = new Set<$ZodType>();

/** What zod's encoder gives for `value` under `schema`, for the shapes the projection does not copy itself. */
function byZod(schema: $ZodType): Projection {
  return (value) => encode(schema, value);
}

const apply = (p: Projection, value: unknown) => (p === null ? value : p(value));

function projection(schema: $ZodType): Projection {
  const known = compiled.get(schema);
  if (known !== undefined) return known;
  // A schema that contains itself (through a getter) projects through its entry once it is built.
  if (building.has(schema)) return (value) => apply(compiled.get(schema) ?? null, value);
  building.add(schema);
  try {
    const p = build(schema as $ZodTypes);
    compiled.set(schema, p);
    return p;
  } finally {
    building.delete(schema);
  }
}

function build(schema: $ZodTypes): Projection {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string': case 'number': case 'boolean': case 'bigint': case 'date': case 'enum': case 'literal':
    case 'null': case 'undefined': case 'any': case 'unknown': case 'nan': case 'template_literal': case 'symbol':
    case 'void': case 'never':
      return null;
    // Encoding applies no default: a present value is encoded by the inner schema, an absent one stays absent.
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'nonoptional': {
      const inner = projection(def.innerType);
      return inner && ((value) => (value === undefined || value === null ? value : inner(value)));
    }
    case 'readonly':
      return projection(def.innerType);
    case 'array': {
      const element = projection(def.element);
      return element && ((value) => (Array.isArray(value) ? value.map(element) : value));
    }
    case 'object': {
      // A loose object (or one with a catchall schema) keeps undeclared fields: zod decides those.
      if (def.catchall && def.catchall._zod.def.type !== 'never') return byZod(schema);
      const fields = Object.entries(def.shape).map(([key, field]) => [key, projection(field)] as const);
      return (value) => {
        if (value === null || typeof value !== 'object') return value;
        const from = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, field] of fields) {
          const v = from[key];
          if (v !== undefined) out[key] = field === null ? v : field(v);
        }
        return out;
      };
    }
    case 'record': {
      if (def.keyType._zod.def.type !== 'string') return byZod(schema);
      const field = projection(def.valueType);
      return field && ((value) => {
        if (value === null || typeof value !== 'object') return value;
        const out: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value)) out[key] = field(v);
        return out;
      });
    }
    case 'union': {
      const options = def.options.map((option) => projection(option));
      if (options.every((option) => option === null)) return null;
      // A discriminated union is projected through the option its discriminator names.
      const discriminator = (def as { discriminator?: string }).discriminator;
      if (discriminator === undefined) return byZod(schema);
      const byValue = new Map<unknown, Projection>();
      for (const [i, option] of def.options.entries()) {
        const values = (option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[discriminator];
        if (!values) return byZod(schema);
        for (const v of values) byValue.set(v, options[i]!);
      }
      const whole = byZod(schema)!;
      return (value) => {
        const p = value !== null && typeof value === 'object' ? byValue.get((value as Record<string, unknown>)[discriminator]) : undefined;
        return p === undefined ? whole(value) : apply(p, value);
      };
    }
    case 'pipe': {
      // A codec converts on the way out (its `encode`); a plain pipe of leaves copies them.
      if ('reverseTransform' in def) return byZod(schema);
      return projection(def.in) === null && projection(def.out) === null ? null : byZod(schema);
    }
    default:
      return byZod(schema);
  }
}

/** The response schema of a route, as fastify-type-provider-zod finds it. */
function zodSchemaOf(schema: unknown): $ZodType {
  if (schema instanceof $ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new Error(`A response schema is not a zod schema: ${JSON.stringify(schema)}`);
}

/** An answer as JSON through the compiled projection of its schema (no validation). */
export function projectedJson(schema: $ZodType, data: unknown): string {
  return JSON.stringify(apply(projection(schema), data));
}

/**
 * How answers are written: `projected` (a server's default), `checked` (zod's encoder, whose JSON
 * must also equal the projection's; a test that breaks names the route), or `zod` alone (what the
 * server did before, kept for the benchmark's comparison).
 */
export type ResponseWriting = 'projected' | 'checked' | 'zod';

export function responseSerializerCompiler(writing: ResponseWriting): FastifySerializerCompiler<unknown> {
  return (route) => {
    const schema = zodSchemaOf(route.schema);
    const p = projection(schema);
    if (writing === 'projected') return (data) => JSON.stringify(apply(p, data));
    const checked = zodSerializerCompiler(route as Parameters<typeof zodSerializerCompiler>[0]);
    if (writing === 'zod') return checked;
    return (data) => {
      const json = checked(data);
      const projected = JSON.stringify(apply(p, data));
      if (projected !== json) {
        throw new Error(`The projected answer of ${route.method} ${route.url} differs from zod's encoding:\n${projected}\n${json}`);
      }
      return json;
    };
  };
}
