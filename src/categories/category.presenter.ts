import { ApiProperty } from '@nestjs/swagger';
import { Category } from './category.entity';

/** The wire shape of a category: the one place a Category becomes JSON. */
export class CategoryJson {
  @ApiProperty() id!: number;
  @ApiProperty({ example: 'Billing' }) name!: string;
  @ApiProperty({ example: 'Invoices, refunds and payment methods' }) description!: string;
  @ApiProperty({ example: '#007bff', pattern: '^#[0-9a-f]{6}$', description: 'lower-case `#rrggbb`' }) color!: string;
}

/** `GET /categories`: a short, admin-curated list, so not paginated (API.md → Lists). */
export class CategoryListJson {
  @ApiProperty({ type: [CategoryJson], description: 'ordered by name (case-insensitive)' }) items!: CategoryJson[];
}

export function toCategoryJson(category: Category): CategoryJson {
  return {
    id: category.id,
    name: category.name,
    description: category.description,
    color: category.color,
  };
}
