import { Injectable } from '@nestjs/common';
import {
  registerDecorator,
  ValidationArguments,
  ValidationOptions,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ReferenceDataService } from '../reference/reference-data.service';

/** ROCU_REGION: a region with a ROCU gateway; AGENCY: a partner agency (NCA, HMRC, ...); ORGANISATION: any of them. */
export type CodeList = 'FORCE' | 'ROCU_REGION' | 'AGENCY' | 'ORGANISATION' | 'CAPABILITY' | 'CRIME_TYPE';

/**
 * Checks codes against the reference data the API serves (database, editable), so an unknown code is
 * reported in the same 400 as every other bad field.
 */
@ValidatorConstraint({ name: 'knownCode', async: true })
@Injectable()
export class KnownCodeConstraint implements ValidatorConstraintInterface {
  constructor(private readonly reference: ReferenceDataService) {}

  async validate(value: unknown, args: ValidationArguments): Promise<boolean> {
    if (typeof value !== 'string') return false;
    const [list] = args.constraints as [CodeList];
    switch (list) {
      case 'FORCE':
        return (await this.reference.findOrganisation(value))?.kind === 'FORCE';
      case 'ROCU_REGION':
        return (await this.reference.regions()).some((region) => region.code === value && region.hasRocu);
      case 'AGENCY':
        return (await this.reference.findOrganisation(value))?.kind === 'AGENCY';
      case 'ORGANISATION':
        return (await this.reference.findOrganisation(value)) !== undefined;
      case 'CAPABILITY':
        return (await this.reference.capabilities()).some((entry) => entry.code === value);
      case 'CRIME_TYPE':
        return (await this.reference.crimeTypes()).some((entry) => entry.code === value);
    }
  }

  defaultMessage(args: ValidationArguments): string {
    const [list] = args.constraints as [CodeList];
    return `${args.property} contains an unknown ${list.toLowerCase().replace('_', ' ')} code (see /api/v1/reference)`;
  }
}

export function IsKnownCode(list: CodeList, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      constraints: [list],
      validator: KnownCodeConstraint,
    });
}
