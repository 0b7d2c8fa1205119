import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { RequestValidationError } from './request-validation';

/**
 * A query parameter sent to a route that reads none is a client mistake, named as any unknown field is
 * (routes with a query DTO refuse theirs in the validation pipe): `GET /reports/deviations?region=ERSOU`
 * must not look like a filter that worked.
 */
@Injectable()
export class UndeclaredQueryGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const names = Object.keys(context.switchToHttp().getRequest<Request>().query ?? {});
    if (names.length === 0 || readsQuery(context)) return true;
    throw new RequestValidationError(
      names.map((name) => ({
        field: name,
        code: 'unknown_field',
        message: `${name} is not a parameter of this route`,
      })),
    );
  }
}

function readsQuery(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
    {}) as object;
  return Object.keys(args).some((key) => key.startsWith(`${RouteParamtypes.QUERY}:`));
}
