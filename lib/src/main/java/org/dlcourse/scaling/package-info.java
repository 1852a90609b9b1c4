/**
 * Power-law fits of error against data or model size (scaling laws). Taught in notebook 06 ({@code
 * 06-generalisation}).
 */
package org.dlcourse.scaling;
