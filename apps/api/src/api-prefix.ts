/** Every API route lives under this prefix (the OpenAPI document too). */
export const API_PREFIX = 'api/v1';
