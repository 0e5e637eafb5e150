import type { z } from 'zod';
import { DomainError, type FieldIssue } from '../../../domain/shared/errors';

/** Parses a service's input; a refusal is a VALIDATION_FAILED naming every field, never a 500. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details: FieldIssue[] = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new DomainError('VALIDATION_FAILED', `输入有误：${details.map((d) => d.message).join('；')}`, details);
}
