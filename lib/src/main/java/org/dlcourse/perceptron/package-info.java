/**
 * Rosenblatt's perceptron and its learning rule, as written from scratch in the notebook on the
 * perceptron ({@code 02-perceptron}).
 */
package org.dlcourse.perceptron;
