import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '../errors/app.exception';

const MAX_ID = 2_147_483_647;

/**
 * Path ids: positive integers within Postgres' int range. Anything else (huge, negative, "abc")
 * is a resource that cannot exist, so 404 — never a 500 from the database.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value)) throw AppException.notFound();
    const id = Number(value);
    if (id < 1 || id > MAX_ID) throw AppException.notFound();
    return id;
  }
}
