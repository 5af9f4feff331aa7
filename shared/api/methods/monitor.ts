/** Methods of the monitor domain (filled in by the issue that builds it). */
import { defineMethods } from '../define.js';

/** Methods of the monitor domain. */
export const monitorMethods = defineMethods({});
