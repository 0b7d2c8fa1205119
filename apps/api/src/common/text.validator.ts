import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';

const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);

/**
 * Free text and names (reasons, rationales, justifications, summaries, descriptions): a string, trimmed, and
 * once trimmed not empty and at most `max` characters (issue #12: blank text is no text). Invisible and
 * bidirectional control characters are refused in every string by the body hygiene check before this.
 */
export function Text(max: number, options: { each?: boolean } = {}): PropertyDecorator {
  const { each } = options;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (each && Array.isArray(value) ? value.map(trimmed) : trimmed(value))),
    IsString({ each }),
    Length(1, max, { each, message: `$property must have visible text, at most ${max} characters` }),
  );
}
