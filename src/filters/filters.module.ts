import { Global, Module } from '@nestjs/common';
import { SAVED_FILTER_SOURCE } from '../tickets/read/saved-filter-source';
import { FiltersController } from './filters.controller';
import { FiltersService } from './filters.service';

/**
 * Saved filters, and the `SAVED_FILTER_SOURCE` port that GET /tickets applies them through. Global
 * so that the port reaches TicketsModule without tickets importing this module (filters sit a layer
 * above tickets).
 */
@Global()
@Module({
  controllers: [FiltersController],
  providers: [FiltersService, { provide: SAVED_FILTER_SOURCE, useExisting: FiltersService }],
  exports: [FiltersService, SAVED_FILTER_SOURCE],
})
export class FiltersModule {}
