export { DateScalar } from './date.scalar';
export { JSONScalar } from './json.scalar';
