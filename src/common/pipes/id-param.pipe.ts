import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '../errors/app.exception';

const MAX_ID = 2_147_483_647;

/**
 * Path ids: positive integers within Postgres' int range. Anything else (huge, negative, "abc")
 * is a resource that cannot exist, so 404 — never a 500 from the database.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    // Only the text as sent: a number here would mean something already converted it (see AppValidationPipe).
    // Canonical decimal only (no sign, leading zero, space, exponent or hex): one resource, one URL.
    if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) throw AppException.notFound();
    const id = Number(value);
    if (id > MAX_ID) throw AppException.notFound();
    return id;
  }
}
