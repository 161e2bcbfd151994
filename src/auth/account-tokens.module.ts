import { Module } from '@nestjs/common';
import { AccountTokensService } from './account-tokens.service';

/** Reset tokens and verification codes (owner of `account_tokens`), without the auth routes: the worker's housekeeping purges them. */
@Module({
  providers: [AccountTokensService],
  exports: [AccountTokensService],
})
export class AccountTokensModule {}
