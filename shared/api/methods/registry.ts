/** Methods of the registry domain (filled in by the issue that builds it). */
import { defineMethods } from '../define.js';

/** Methods of the registry domain. */
export const registryMethods = defineMethods({});
