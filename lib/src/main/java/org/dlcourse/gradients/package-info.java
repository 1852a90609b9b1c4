/**
 * Numerical gradient checks (central differences, relative error) and DL4J's gradients in the
 * shapes of the parameters. Taught in the notebook on backpropagation ({@code 03-backpropagation}).
 */
package org.dlcourse.gradients;
