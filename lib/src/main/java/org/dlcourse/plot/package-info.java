/**
 * Plots that render inline in a notebook: line, scatter and bar charts, image grids, heatmaps,
 * decision boundaries and contour plots with optimiser paths. First used in notebook 00 ({@code
 * 00-setup}); decision boundaries in notebook 02, contours in notebook 04. Charts share one style:
 * round tick values, a legend placed where it covers no data, one colour per series name.
 */
package org.dlcourse.plot;
