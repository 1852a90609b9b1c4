/**
 * The course library: what the lessons import. This package holds the notebook-wide helpers every
 * lesson uses from notebook 00 ({@code 00-setup}) on: {@code Course} (environment facts and the
 * backend probe), {@code Check} (closing checks), {@code Smoke} (smoke or full mode), {@code Seed}
 * (the one randomness knob) and {@code Speed} (DL4J's fast layer helpers).
 */
package org.dlcourse;
