import { Module } from '@nestjs/common';
import { UserDirectoryModule } from '../users/user-directory.module';
import { CategoryAssigner } from './category-assigner';

/** Auto-assignment of new tickets by category, without the categories' routes (the email channel runs in the worker). */
@Module({
  imports: [UserDirectoryModule],
  providers: [CategoryAssigner],
  exports: [CategoryAssigner],
})
export class CategoryAssignerModule {}
