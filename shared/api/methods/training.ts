/** Methods of the training domain (filled in by the issue that builds it). */
import { defineMethods } from '../define.js';

/** Methods of the training domain. */
export const trainingMethods = defineMethods({});
