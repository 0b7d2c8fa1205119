import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * The envelope every paged list answers with (the answer to a PageQuery): one page of `item`, the total and
 * the paging used. Each list extends it under its own name, so its schema in the OpenAPI document keeps that name.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; total: number; page: number; pageSize: number }> {
  class Page {
    @ApiProperty({ type: [item] }) items!: T[];
    @ApiProperty() total!: number;
    @ApiProperty() page!: number;
    @ApiProperty() pageSize!: number;
  }
  return Page;
}
