/**
 * Experiments on generalisation: random-feature regression and its double-descent curve. Taught in
 * notebook 06 ({@code 06-generalisation}).
 */
package org.dlcourse.generalisation;
