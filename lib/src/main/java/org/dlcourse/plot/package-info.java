/**
 * Plots that render inline in a notebook: line, scatter and bar charts, image grids, heatmaps,
 * decision boundaries and contour plots with optimiser paths. First used in notebook 00 ({@code
 * 00-setup}); decision boundaries in notebook 02, contours in notebook 04. Charts share one style:
 * round tick values labelled in one style per axis, a legend placed where it covers no data, one
 * colour per series name (contour paths included).
 *
 * <p>Inside: {@code Plots} and {@code Charts} check the input; {@code XyRenderer} (legend
 * placement), {@code XyFrame} (layout), {@code XyMarks} (lines and markers) and {@code BarRenderer}
 * draw in the frame they share ({@code Axes}, {@code Ticks}, {@code TickFitter}, {@code Text}).
 */
package org.dlcourse.plot;
