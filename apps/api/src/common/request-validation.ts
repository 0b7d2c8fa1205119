import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { hygieneErrors } from './body-hygiene';
import type { FieldError } from './problem';

/** A 400 carrying every bad field, raised before anything is persisted or any workflow starts. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`${errors.length} invalid field(s): ${errors.map((error) => error.field || '(body)').join(', ')}`);
  }
}

const CODE_NAMES: Record<string, string> = {
  whitelistValidation: 'unknown_field',
  isDefined: 'required',
  isNotEmpty: 'required',
};

/** The most telling constraint first: a wrong type says more than the length rules that follow from it. */
const CONSTRAINT_PRIORITY = [
  'whitelistValidation',
  'isDefined',
  'isObject',
  'isArray',
  'isString',
  'isBoolean',
  'isInt',
  'isIn',
];
const priorityOf = (constraint: string): number => {
  const index = CONSTRAINT_PRIORITY.indexOf(constraint);
  return index === -1 ? CONSTRAINT_PRIORITY.length : index;
};

/** One entry per bad field: `required` when it is missing, otherwise its most telling broken rule. */
function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const constraints = Object.entries(error.constraints ?? {}).sort(([a], [b]) => priorityOf(a) - priorityOf(b));
    const own: FieldError[] = [];
    if (constraints.length > 0) {
      const [constraint, message] = constraints[0];
      own.push(
        error.value === undefined && constraint !== 'whitelistValidation'
          ? { field, code: 'required', message: `${field} is required` }
          : { field, code: CODE_NAMES[constraint] ?? constraint, message },
      );
    }
    return own.concat(flatten(error.children ?? [], field));
  });
}

/**
 * A body class's own rules over the raw body (a structure class-validator cannot describe field by field, such as
 * a region's settings), judged with its decorators so that one 400 names every bad field.
 */
export interface BodyRules {
  bodyRules(raw: Record<string, unknown>): FieldError[];
}

const hasBodyRules = (type: unknown): type is BodyRules =>
  typeof type === 'function' && typeof (type as Partial<BodyRules>).bodyRules === 'function';

/** The rules' errors on fields the decorators have not already named (nor a field that holds them). */
function unnamed(named: FieldError[], rules: FieldError[]): FieldError[] {
  const covers = (outer: string, inner: string) =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return rules.filter((rule) => !named.some((error) => covers(error.field, rule.field)));
}

/**
 * The global pipe: whitelist with unknown fields refused, no implicit conversion (so "false" is not a
 * boolean), and bodies that are not JSON objects refused before class-transformer sees them.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      // Values are kept only to tell a missing field from a wrong one; they never reach the response.
      validationError: { target: false, value: true },
      exceptionFactory: (errors) => new RequestValidationError(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new RequestValidationError([
        { field: '(body)', code: 'not_an_object', message: 'the body must be a JSON object' },
      ]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = hygieneErrors(value);
      if (unsafe.length > 0) throw new RequestValidationError(unsafe);
    }
    const rules =
      metadata.type === 'body' && hasBodyRules(metadata.metatype)
        ? metadata.metatype.bodyRules(value as Record<string, unknown>)
        : [];
    let transformed: unknown;
    try {
      transformed = await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      throw new RequestValidationError([...error.errors, ...unnamed(error.errors, rules)]);
    }
    if (rules.length > 0) throw new RequestValidationError(rules);
    return transformed;
  }
}
