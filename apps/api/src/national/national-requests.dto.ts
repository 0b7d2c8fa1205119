import { ApiProperty } from '@nestjs/swagger';
import { Text } from '../common/text.validator';

export class NationalAcceptRequest {
  @ApiProperty({ example: 'NCA-2026-0117', maxLength: 100, description: "the NCA's reference for the work" })
  @Text(100)
  reference!: string;
}

export class NationalReturnRequest {
  @ApiProperty({ maxLength: 4000, description: 'why the NCA returns it to the region (shown in its history)' })
  @Text(4000)
  reasons!: string;
}
