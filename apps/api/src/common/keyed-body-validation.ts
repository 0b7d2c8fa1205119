import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import type { FieldError } from './problem';
import { RequestValidationError, RequestValidationPipe } from './request-validation';

/** 8 to 255 visible ASCII characters: room for a UUID or a client's own scheme, nothing that hides. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

/** The header's error, or undefined when it is absent or one valid key (a repeated header arrives joined by ", "). */
function idempotencyKeyError(value: string | string[] | undefined): FieldError | undefined {
  if (value === undefined || (typeof value === 'string' && IDEMPOTENCY_KEY.test(value))) return undefined;
  const message = 'Idempotency-Key must be one key of 8 to 255 visible characters';
  return { field: 'Idempotency-Key', code: 'invalid_idempotency_key', message };
}

/** The class the handler's `@Body()` parameter is declared as, if it has one. */
function bodyTypeOf(context: ExecutionContext): Type | undefined {
  const handler = context.getHandler().name;
  const params = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler) ?? {}) as Record<
    string,
    { index: number }
  >;
  const body = Object.entries(params).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
  if (!body) return undefined;
  const prototype = context.getClass().prototype as object;
  const types = (Reflect.getMetadata('design:paramtypes', prototype, handler) ?? []) as Type[];
  return types[body[1].index];
}

/**
 * Names a bad Idempotency-Key and every bad body field in one 400. Nest resolves a handler's parameters at once
 * and reports only the first that fails, so the key, when bad, is judged here, before them, with the body.
 */
@Injectable()
export class KeyedBodyValidation implements NestInterceptor {
  private readonly bodyPipe = new RequestValidationPipe();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const keyError = idempotencyKeyError(request.headers['idempotency-key']);
    if (!keyError) return next.handle();
    const metatype = bodyTypeOf(context);
    throw new RequestValidationError([...(metatype ? await this.bodyErrors(request.body, metatype) : []), keyError]);
  }

  private async bodyErrors(body: unknown, metatype: Type): Promise<FieldError[]> {
    try {
      await this.bodyPipe.transform(body, { type: 'body', metatype });
      return [];
    } catch (error) {
      if (error instanceof RequestValidationError) return error.errors;
      throw error;
    }
  }
}
