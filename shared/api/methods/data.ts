/** Methods of the data domain (filled in by the issue that builds it). */
import { defineMethods } from '../define.js';

/** Methods of the data domain. */
export const dataMethods = defineMethods({});
