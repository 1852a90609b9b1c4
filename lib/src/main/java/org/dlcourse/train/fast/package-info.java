/**
 * The fast training path for the course's dense stacks: one minibatch step of a {@code
 * MultiLayerNetwork} made of dense layers and a softmax cross-entropy output layer, computed with
 * preallocated ND4J arrays and written into the network's own parameters and updater state.
 *
 * <p>{@link org.dlcourse.train.fast.FastPath} says whether a network qualifies (and why not),
 * {@link org.dlcourse.train.fast.DenseStepper} takes the step. {@code Model.fit} and {@code
 * Trainer} use it automatically; {@code -Ddlcourse.fastpath=false} (or the environment variable
 * {@code DLCOURSE_FASTPATH=false}) turns it off. The step is tested equal to DL4J's own {@code fit}
 * (losses, parameters and updater state) in {@code DenseStepperTests}, dropout networks included
 * ({@link org.dlcourse.train.fast.InputDropout} draws the masks with DL4J's own random op, so from
 * the same {@code Nd4j.getRandom()} state both paths drop the same units).
 *
 * <p>Convolutional networks of the course (blocks of ReLU convolution, optional batch norm and 2x2
 * max pooling before such a dense tail: {@code Cnns.lenet}, the AlexNet-style CNN, {@code
 * SmallCnn}) take the fast convolutional path, {@link org.dlcourse.train.fast.ConvStepper} (im2col
 * and one matrix product per convolution, element-wise loops in Java; bench/CONV-STEP.md). {@code
 * ConvStepperTests} compares its gradient with DL4J's and its training with DL4J in float64.
 */
package org.dlcourse.train.fast;
