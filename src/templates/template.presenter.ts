// The wire shape of a response template: the one place a ResponseTemplate becomes JSON.
import { ApiProperty } from '@nestjs/swagger';
import { OwnerJson } from '../users/owner-ref';
import { ResponseTemplate } from './response-template.entity';
import { templateVariables } from './template-render';

const VARIABLES_DESCRIPTION = 'the distinct `{name}` placeholders of the content, sorted';

export class TemplateJson {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ example: 'Password reset instructions' }) title!: string;
  @ApiProperty({ example: 'Hi {customer_name}, follow the link we sent about ticket #{ticket.id}.' })
  content!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Accounts', description: 'a free-text label' })
  category!: string | null;
  @ApiProperty() is_public!: boolean;
  @ApiProperty({ type: [String], example: ['customer_name', 'ticket.id'], description: VARIABLES_DESCRIPTION })
  variables!: string[];
  @ApiProperty({ type: OwnerJson }) owner!: OwnerJson;
}

export class RenderedTemplateJson {
  @ApiProperty({
    example: 'Hi Ann, follow the link we sent about ticket #42.',
    description: 'the content with every placeholder replaced by its value, verbatim: not HTML-escaped',
  })
  processed_content!: string;
  @ApiProperty({ description: 'the template content as stored' }) original_content!: string;
  @ApiProperty({ type: [String], description: VARIABLES_DESCRIPTION }) variables!: string[];
}

export function toTemplateJson(template: ResponseTemplate, owner: OwnerJson): TemplateJson {
  return {
    id: template.id,
    title: template.title,
    content: template.content,
    category: template.category,
    is_public: template.isPublic,
    variables: templateVariables(template.content),
    owner,
  };
}
