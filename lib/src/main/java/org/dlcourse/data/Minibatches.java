package org.dlcourse.data;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches over a {@link Dataset}'s in-memory arrays ({@link Dataset#batches} and {@link
 * Dataset#batchesInPlace}): in order, each minibatch is a view of consecutive rows; shuffled, each
 * gathers its rows, in a new order every pass ({@code reset()}), reproducible from the seed.
 *
 * <p>In place, a shuffled minibatch is gathered into arrays kept from the previous call (one pair
 * per minibatch size: the full size and the smaller last one), so that a training step allocates no
 * new native memory.
 */
final class Minibatches implements DataSetIterator {
  private final Dataset data;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final boolean inPlace;
  private int epoch;
  private int[] order;
  private int cursor;
  private DataSetPreProcessor preProcessor;
  // in place: the arrays of the last minibatch of each size, {X [b, ...], y [b, k]}
  private INDArray[] full;
  private INDArray[] last;

  Minibatches(Dataset data, int batchSize, boolean shuffle, long seed, boolean inPlace) {
    this.data = data;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.inPlace = inPlace;
    reset();
  }

  @Override
  public DataSet next(int num) {
    if (!hasNext()) {
      throw new NoSuchElementException("no more minibatches; call reset()");
    }
    int end = Math.min(cursor + num, data.size());
    DataSet batch;
    if (order == null) { // in order: cheap views of consecutive rows
      INDArray x = Dataset.rows(data.features(), cursor, end);
      INDArray y = Dataset.rows(data.labels(), cursor, end);
      // a preprocessor changes its minibatch in place: give it copies, never the data set's rows
      batch = preProcessor == null ? new DataSet(x, y) : new DataSet(x.dup('c'), y.dup('c'));
    } else { // shuffled: copy the chosen rows, [batch, ...]
      int[] picked = Arrays.copyOfRange(order, cursor, end);
      batch = new DataSet(gather(data.features(), picked, 0), gather(data.labels(), picked, 1));
    }
    cursor = end;
    if (preProcessor != null) {
      preProcessor.preProcess(batch);
    }
    return batch;
  }

  /** The rows {@code picked} of {@code a} (features: slot 0, labels: slot 1). */
  private INDArray gather(INDArray a, int[] picked, int slot) {
    if (!inPlace || !Dataset.wholeFloatRows(a)) {
      return Dataset.gatherRows(a, picked);
    }
    boolean isFull = picked.length == batchSize;
    INDArray[] kept = isFull ? full : last;
    if (kept == null) {
      kept = new INDArray[2];
      if (isFull) {
        full = kept;
      } else {
        last = kept;
      }
    }
    if (kept[slot] == null || kept[slot].size(0) != picked.length) {
      long[] shape = a.shape().clone();
      shape[0] = picked.length;
      kept[slot] = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    }
    return Dataset.copyRows(a, picked, kept[slot]);
  }

  @Override
  public DataSet next() {
    return next(batchSize);
  }

  @Override
  public boolean hasNext() {
    return cursor < data.size();
  }

  @Override
  public void reset() {
    cursor = 0;
    // a new order for every pass, reproducible from the seed
    order = shuffle ? Dataset.permutation(data.size(), seed + 1_000_003L * epoch++) : null;
  }

  @Override
  public int inputColumns() {
    return (int) data.exampleSize();
  }

  @Override
  public int totalOutcomes() {
    return data.numClasses();
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    // prefetching would gather the next minibatch into arrays a step may still be reading
    return false;
  }

  @Override
  public int batch() {
    return batchSize;
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  @Override
  public List<String> getLabels() {
    return data.labelNames();
  }
}
