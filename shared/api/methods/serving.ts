/** Methods of the serving domain (filled in by the issue that builds it). */
import { defineMethods } from '../define.js';

/** Methods of the serving domain. */
export const servingMethods = defineMethods({});
