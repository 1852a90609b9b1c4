/**
 * Rosenblatt's perceptron and its learning rule, written out on NDArrays. Taught in notebook 02
 * ({@code 02-perceptron}).
 */
package org.dlcourse.perceptron;
