/**
 * A bridge class at a name DL4J 1.0.0-M2.1 looks up by reflection, so that its oneDNN layer helpers
 * can switch on; see {@code org.dlcourse.Speed}. No lesson teaches it; it only makes training
 * faster.
 */
package org.nd4j.nativeblas;
