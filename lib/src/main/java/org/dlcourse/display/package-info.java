/**
 * How library values reach the notebook: {@code Display} shows and updates values in a cell's
 * output (images, HTML, text), and {@code Rich} is what a value implements to render richly. Used
 * from notebook 00 ({@code 00-setup}) on, mostly behind {@code Plot} and the trainer's progress.
 */
package org.dlcourse.display;
