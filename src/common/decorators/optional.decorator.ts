import { ValidateIf } from 'class-validator';

/**
 * An optional field that may be left out but not sent as null: `{"title": null}` is a 400, never a
 * NOT NULL violation from the database. (class-validator's @IsOptional lets null through.)
 */
export const IsOmittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
