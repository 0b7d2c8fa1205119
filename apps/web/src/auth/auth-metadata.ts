import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'web:public';

/** A page anyone may see without signing in (sign-in itself, health, the accessibility statement). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
