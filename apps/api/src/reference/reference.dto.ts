import { ApiProperty } from '@nestjs/swagger';

export class CodeListItem {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class CodeListResponse {
  @ApiProperty({ type: [CodeListItem] }) items!: CodeListItem[];
}

export class OrganisationItem extends CodeListItem {
  @ApiProperty({ enum: ['FORCE', 'ROCU', 'AGENCY'] }) kind!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the region (ROCU code or LONDON) it belongs to' })
  region!: string | null;
}

export class RegionItem extends CodeListItem {
  @ApiProperty() hasRocu!: boolean;
  @ApiProperty({ type: [String] }) forces!: string[];
  @ApiProperty({ nullable: true, type: String, enum: ['MONTHLY', 'SIX_WEEKLY', 'TWELVE_WEEKLY'] }) cadence!:
    string | null;
}

export class OrganisationsResponse {
  @ApiProperty({ type: [OrganisationItem] }) forces!: OrganisationItem[];
  @ApiProperty({ type: [RegionItem], description: 'the ROCU regions (and London, which has no ROCU)' })
  regions!: RegionItem[];
  @ApiProperty({ type: [OrganisationItem] }) rocus!: OrganisationItem[];
  @ApiProperty({ type: [OrganisationItem] }) agencies!: OrganisationItem[];
}
