import { z } from 'zod';

type WithoutDefaults<S extends z.ZodRawShape> = { [K in keyof S]: S[K] extends z.ZodDefault<infer I> ? I : S[K] };

/**
 * A PATCH schema from a create schema: every field optional and no defaults. Zod 4's `.partial()`
 * keeps inner defaults and fills them in for missing keys, which would overwrite stored values
 * the caller never sent (colinhacks/zod#5235).
 */
export function patchSchema<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
): z.ZodObject<{ [K in keyof S]: z.ZodOptional<WithoutDefaults<S>[K]> }> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as WithoutDefaults<S>;
  return z.object(shape).partial() as never;
}
