package org.dlcourse.train.fast;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Turns the mean gradient {@code g} (flat, {@code [N]}, laid out like {@code network.params()})
 * into the step DL4J would take, in place, using the network's own updater blocks so that their
 * state ({@code getStateViewArray()}: Adam's {@code m} then {@code v}, Nesterov's {@code v}, per
 * block) and learning-rate schedules are the ones DL4J's {@code fit} reads and writes.
 *
 * <p>Per updater block, as {@code UpdaterBlock.update} does: (1) L2 before the updater, {@code g +=
 * l2 * w}; (2) the updater, e.g. Adam {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2; g = lr_t m
 * / (sqrt(v) + eps)}; (3) weight decay after it, {@code g += coeff * lr * w}. The caller then steps
 * {@code w -= g}.
 */
final class UpdaterStep {

  private final MultiLayerNetwork network;
  private final boolean javaLoops;
  private Updater updater; // the network's updater these views belong to
  private List<UpdaterBlock> blocks;
  private List<INDArray> blockGradients; // views of the flat gradient, one per block
  private AdamLoops adamLoops; // when every block is Adam: all blocks in one Java loop, else null
  private boolean postUpdaterRegularization; // e.g. weight decay: step() cannot fuse the update
  private long fusedSteps; // steps whose update and w -= step ran in one Java loop
  private long javaAdamSteps; // steps taken by adamLoops (tests check that the loop is used)

  UpdaterStep(MultiLayerNetwork network) {
    this(network, true);
  }

  /** With {@code javaLoops} false every block uses its own DL4J updater (tests compare both). */
  UpdaterStep(MultiLayerNetwork network, boolean javaLoops) {
    this.network = network;
    this.javaLoops = javaLoops;
  }

  /**
   * One whole update: {@link #apply}, then {@code flatParams -= step}. With Adam in the Java loop
   * and no regularization after the updater (weight decay), both happen in one pass over the
   * parameters; {@code flatGradient} then keeps the gradient (plus L2), not the step.
   */
  void step(INDArray flatGradient, INDArray flatParams, int iteration, int epoch) {
    refresh(flatGradient);
    if (adamLoops != null
        && !postUpdaterRegularization
        && adamLoops.takes(flatGradient)
        && adamLoops.takes(flatParams)) {
      double[] lr = learningRates(iteration, epoch);
      regularizeAll(
          Regularization.ApplyStep.BEFORE_UPDATER, flatGradient, flatParams, iteration, epoch, lr);
      adamLoops.applyAndStep(flatGradient, flatParams, lr, iteration);
      javaAdamSteps++;
      fusedSteps++;
      return;
    }
    apply(flatGradient, flatParams, iteration, epoch);
    flatParams.subi(flatGradient); // w -= step
  }

  /** Applies regularization and the updaters to {@code flatGradient} ({@code [N]}) in place. */
  void apply(INDArray flatGradient, INDArray flatParams, int iteration, int epoch) {
    refresh(flatGradient);
    if (adamLoops != null && applyAdamLoops(flatGradient, flatParams, iteration, epoch)) {
      return;
    }
    for (int i = 0; i < blocks.size(); i++) {
      UpdaterBlock block = blocks.get(i);
      if (block.getGradientUpdater() == null) {
        block.init(); // binds the updater to its slice of the state view, as DL4J does lazily
      }
      GradientUpdater<?> gu = block.getGradientUpdater();
      double lr =
          gu.getConfig().hasLearningRate() ? gu.getConfig().getLearningRate(iteration, epoch) : 1.0;
      regularize(
          block,
          Regularization.ApplyStep.BEFORE_UPDATER,
          flatGradient,
          flatParams,
          iteration,
          epoch,
          lr);
      gu.applyUpdater(blockGradients.get(i), iteration, epoch);
      regularize(
          block,
          Regularization.ApplyStep.POST_UPDATER,
          flatGradient,
          flatParams,
          iteration,
          epoch,
          lr);
    }
  }

  /** (Re)builds the block views when the network got a new updater, e.g. after setLearningRate. */
  private void refresh(INDArray flatGradient) {
    Updater current = network.getUpdater();
    if (current == updater && blocks != null) {
      return;
    }
    if (!(current instanceof BaseMultiLayerUpdater<?> multi)) {
      throw new IllegalStateException(
          "expected DL4J's MultiLayerUpdater but the network has " + current.getClass().getName());
    }
    List<UpdaterBlock> bs = multi.getUpdaterBlocks();
    List<INDArray> views = new ArrayList<>();
    for (UpdaterBlock block : bs) {
      views.add(
          flatGradient.get(
              NDArrayIndex.interval(block.getParamOffsetStart(), block.getParamOffsetEnd())));
    }
    for (UpdaterBlock block : bs) {
      if (block.getGradientUpdater() == null) {
        block.init(); // binds the updater to its slice of the state view, as DL4J does lazily
      }
    }
    this.updater = current;
    this.blocks = bs;
    this.blockGradients = views;
    this.adamLoops = javaLoops ? AdamLoops.forBlocks(bs, multi.getStateViewArray()) : null;
    this.postUpdaterRegularization = anyPostUpdater(bs);
  }

  /**
   * Every block is Adam: the regularization before the updater (native, per block), Adam for all
   * blocks in one Java loop, then the regularization after it. The blocks cover disjoint slices, so
   * this order gives what the per-block order gives. False when the loop cannot take this gradient
   * (nothing changed then).
   */
  private boolean applyAdamLoops(
      INDArray flatGradient, INDArray flatParams, int iteration, int epoch) {
    if (!adamLoops.takes(flatGradient)) {
      return false;
    }
    double[] lr = learningRates(iteration, epoch);
    regularizeAll(
        Regularization.ApplyStep.BEFORE_UPDATER, flatGradient, flatParams, iteration, epoch, lr);
    adamLoops.apply(flatGradient, lr, iteration);
    regularizeAll(
        Regularization.ApplyStep.POST_UPDATER, flatGradient, flatParams, iteration, epoch, lr);
    javaAdamSteps++;
    return true;
  }

  /** How many steps {@link #step} took in one Java loop (update and {@code w -= step}). */
  long fusedSteps() {
    return fusedSteps;
  }

  /** Each block's learning rate at this iteration (1 for updaters without one). */
  private double[] learningRates(int iteration, int epoch) {
    double[] lr = new double[blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      var config = blocks.get(i).getGradientUpdater().getConfig();
      lr[i] = config.hasLearningRate() ? config.getLearningRate(iteration, epoch) : 1.0;
    }
    return lr;
  }

  /** Whether any parameter of these blocks has a regularization applied after the updater. */
  private static boolean anyPostUpdater(List<UpdaterBlock> blocks) {
    for (UpdaterBlock block : blocks) {
      for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
        List<Regularization> regs =
            p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
        if (regs != null) {
          for (Regularization r : regs) {
            if (r.applyStep() == Regularization.ApplyStep.POST_UPDATER) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** How many steps Adam took in the Java loop (the rest used the blocks' own updaters). */
  long javaAdamSteps() {
    return javaAdamSteps;
  }

  /** {@link #regularize} for every block, block i at its learning rate {@code lr[i]}. */
  private void regularizeAll(
      Regularization.ApplyStep step,
      INDArray flatGradient,
      INDArray flatParams,
      int iteration,
      int epoch,
      double[] lr) {
    for (int i = 0; i < blocks.size(); i++) {
      regularize(blocks.get(i), step, flatGradient, flatParams, iteration, epoch, lr[i]);
    }
  }

  /** DL4J's {@code applyRegularizationAllVariables}, on flat slices of params and gradient. */
  private static void regularize(
      UpdaterBlock block,
      Regularization.ApplyStep step,
      INDArray flatGradient,
      INDArray flatParams,
      int iteration,
      int epoch,
      double lr) {
    for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
      List<Regularization> regs =
          p.getLayer().getConfig().getRegularizationByParam(p.getParamName());
      if (regs == null || regs.isEmpty()) {
        continue;
      }
      var range = NDArrayIndex.interval(p.getParamOffsetStart(), p.getParamOffsetEnd());
      for (Regularization r : regs) {
        if (r.applyStep() == step) {
          r.apply(flatParams.get(range), flatGradient.get(range), lr, iteration, epoch);
        }
      }
    }
  }
}
