/**
 * Numerical gradient checks (central differences) and DL4J's own gradients for comparison with a
 * hand-written backward pass. Taught in notebook 03 ({@code 03-backpropagation}).
 */
package org.dlcourse.gradients;
