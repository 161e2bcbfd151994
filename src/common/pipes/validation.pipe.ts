import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException } from '../errors/app.exception';

/** `{ "title": ["must not be empty"], "tags.0": ["..."] }` from class-validator's tree of errors. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      out[path] = Object.entries(error.constraints).map(([rule, message]) =>
        rule === 'whitelistValidation'
          ? 'is not an allowed field'
          : message.replace(new RegExp(`^${escape(error.property)} `), ''),
      );
    }
    if (error.children?.length) Object.assign(out, flattenValidationErrors(error.children, path));
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
      const details = flattenValidationErrors(errors);
      const fields = Object.keys(details);
      return AppException.validation(
        fields.length ? `Invalid request: ${fields.join(', ')}` : 'Invalid request',
        details,
      );
    },
  });
}
