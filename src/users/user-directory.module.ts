import { Module } from '@nestjs/common';
import { UserDirectory } from './user-directory';

/** What other modules read about users (names, assignability, alert recipients), without the API's routes. */
@Module({
  providers: [UserDirectory],
  exports: [UserDirectory],
})
export class UserDirectoryModule {}
