import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { ROLES, Role } from '@rocu/domain';

export class DevTokenRequest {
  @ApiProperty({ example: 'officer-123' })
  @IsString()
  @Length(1, 100)
  sub!: string;

  @ApiProperty({ example: 'DC Jane Smith' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['FORCE_REFERRER'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ example: 'WYP', description: 'an organisation code from GET /reference/organisations' })
  @IsString()
  @Matches(/^[A-Z_]{2,30}$/)
  org!: string;
}

export class DevTokenResponse {
  @ApiProperty() token!: string;
}
