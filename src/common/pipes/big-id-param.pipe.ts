import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '../errors/app.exception';

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/**
 * Path ids of `bigint` rows (webhook deliveries), kept as decimal text: a JavaScript number loses
 * digits past 2^53. Anything that is not a canonical positive integer within Postgres' bigint is a
 * resource that cannot exist, so 404 — never a 500 from the database (as IdParamPipe for `int`).
 */
@Injectable()
export class BigIdParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[1-9]\d{0,18}$/.test(value)) throw AppException.notFound();
    if (BigInt(value) > MAX_BIGINT) throw AppException.notFound();
    return value;
  }
}
