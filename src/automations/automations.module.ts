import { Module } from '@nestjs/common';
import { CategoriesModule } from '../categories/categories.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { AutomationRepository } from './automation.repository';
import { AutomationsController } from './automations.controller';
import { AutomationsService } from './automations.service';

/** The admin API of automations; the worker's side is AutomationWorkerModule. */
@Module({
  imports: [CategoriesModule, UserDirectoryModule],
  controllers: [AutomationsController],
  providers: [AutomationsService, AutomationRepository],
})
export class AutomationsModule {}
