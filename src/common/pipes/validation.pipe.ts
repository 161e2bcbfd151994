import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException } from '../errors/app.exception';
import { MAX_ERROR_DETAILS, TRUNCATED_KEY } from '../errors/error-details';

export interface FlatValidationErrors {
  /** `{ "title": ["must not be empty"], "tags.0": ["..."] }`: the first `max` fields with errors. */
  fields: Record<string, string[]>;
  /** How many more fields had errors. */
  more: number;
}

/**
 * class-validator's tree of errors as one entry per field, in one linear walk: at most `max`
 * entries are built, the rest only counted (a body of 1,000 unknown keys is 1,000 errors).
 * Messages start with the property's name (`title must not be empty`); it is cut off by
 * comparing the prefix, not with a RegExp per field.
 */
export function flattenValidationErrors(errors: ValidationError[], max = MAX_ERROR_DETAILS): FlatValidationErrors {
  const flat: FlatValidationErrors = { fields: {}, more: 0 };
  let kept = 0;
  const walk = (level: ValidationError[], prefix: string): void => {
    for (const error of level) {
      const path = prefix ? `${prefix}.${error.property}` : error.property;
      if (error.constraints) {
        if (kept < max) {
          kept++;
          flat.fields[path] = Object.entries(error.constraints).map(([rule, message]) =>
            rule === 'whitelistValidation' ? 'is not an allowed field' : withoutSubject(message, error.property),
          );
        } else {
          flat.more++;
        }
      }
      if (error.children?.length) walk(error.children, path);
    }
  };
  walk(errors, '');
  return flat;
}

function withoutSubject(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** How the global pipe runs class-validator; shared with code that validates a DTO by hand (saved filters). */
export const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/** How the global pipe runs class-transformer's plainToInstance. */
export const TRANSFORM_OPTIONS = { enableImplicitConversion: false } as const;

/**
 * Path parameters are left as sent, for their own pipes to parse (IdParamPipe, strictly): the
 * global pipe runs first, and its `+value` for a `number` parameter would make `1e3`, `0x1f`,
 * `+7` or ` 7` ids of real resources.
 */
class AppValidationPipe extends ValidationPipe {
  protected override transformPrimitive(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'param' ? value : super.transformPrimitive(value, metadata);
  }
}

/** The one global pipe: strips nothing silently; unknown fields are a 400, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: TRANSFORM_OPTIONS,
    exceptionFactory: (errors) => {
      const { fields, more } = flattenValidationErrors(errors);
      const names = Object.keys(fields);
      const message = names.length
        ? `Invalid request: ${names.join(', ')}${more ? ` and ${more} more` : ''}`
        : 'Invalid request';
      return AppException.validation(message, more ? { ...fields, [TRUNCATED_KEY]: more } : fields);
    },
  });
}
