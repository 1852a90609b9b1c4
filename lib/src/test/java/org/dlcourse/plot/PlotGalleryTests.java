package org.dlcourse.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Draws the kinds of figure the lessons draw, with the data that went wrong before (legend over the
 * key points, ticks at data values, tiny heatmap values, long bar labels), and saves them as PNG
 * files to look at: {@code target/plot-gallery/} (or {@code -Dplot.gallery=DIR}).
 */
class PlotGalleryTests {

  private static final Path DIR =
      Path.of(System.getProperty("plot.gallery", "target/plot-gallery"));

  private static void save(String name, Plot plot) {
    Path file = plot.save(DIR.resolve(name + ".png"));
    assertTrue(file.toFile().length() > 1000, file + " is nearly empty");
  }

  @Test
  void drawTheGallery() {
    double[] sizes = {500, 1000, 2000, 5000, 10000};
    Map<String, double[]> data = new LinkedHashMap<>();
    data.put("MLP", new double[] {0.74, 0.78, 0.82, 0.85, 0.88});
    data.put("hand-crafted", new double[] {0.70, 0.74, 0.78, 0.80, 0.81});
    data.put("raw-pixel linear", new double[] {0.68, 0.72, 0.76, 0.79, 0.81});
    save(
        "01-data-size",
        Plots.lines(
            "Test accuracy against training-set size",
            "training images",
            "test accuracy",
            sizes,
            data,
            PlotOptions.builder().logX(true).build()));

    double[] raceEpochs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    Map<String, double[]> race = new LinkedHashMap<>();
    race.put("LSTM, seed 1", new double[] {0.3, 0.45, 0.7, 0.9, 1, 1, 1, 1, 1, 1});
    race.put(
        "plain RNN, seed 1",
        new double[] {0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25});
    race.put(
        "plain RNN, seed 2",
        new double[] {0.24, 0.27, 0.26, 0.3, 0.33, 0.35, 0.34, 0.36, 0.37, 0.36});
    save(
        "11-chance-reference",
        Plots.lines(
            "Recall after 60 steps: a seed at chance stays visible over the chance line",
            "epoch",
            "validation accuracy",
            raceEpochs,
            race,
            PlotOptions.builder().reference("chance", 0.25).build()));

    double[] z = new double[101];
    double[] sigmoid = new double[101];
    for (int i = 0; i <= 100; i++) {
      z[i] = -6 + 0.12 * i;
      sigmoid[i] = 1 / (1 + Math.exp(-z[i]));
    }
    save("00-sigmoid", Plots.line("A smooth curve (no steps)", "z", "sigmoid(z)", z, sigmoid));
    Map<String, double[][]> racing = new LinkedHashMap<>();
    racing.put("lr too small", new double[][] {{-4.5, -4.3, -4.1, -3.9}, {1.2, 1.0, 0.9, 0.8}});
    double[] zigX = new double[40];
    double[] zigY = new double[40];
    for (int k = 0; k < 40; k++) {
      zigX[k] = -4.5 + 0.09 * k;
      zigY[k] = (k % 2 == 0 ? 1 : -1) * 1.2 * Math.pow(1.1, k);
    }
    racing.put("lr above the bound", new double[][] {zigX, zigY});
    save(
        "04-diverging-over-short",
        Contours.plot(
            "The short path stays visible",
            (x, y) -> (x * x + 50 * y * y) / 2,
            new double[] {-5, 5},
            new double[] {-1.6, 1.6},
            racing));

    save(
        "07-confused-pairs",
        Plots.imageGrid(
            org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 784),
            List.of(
                "Pullover → Coat",
                "Shirt → T-shirt/top",
                "T-shirt/top → Shirt",
                "Sneaker → Ankle boot",
                "Bag",
                "Coat → Pullover"),
            3));
    Map<String, double[][]> classes = new LinkedHashMap<>();
    classes.put("0", new double[][] {{0, 1}, {0, 1}});
    classes.put("1", new double[][] {{0, 1}, {1, 0}});
    save(
        "02-decision-boundary",
        DecisionBoundary.plot(
            "A decision boundary in the course's fonts", x -> x[0] > 0.5 ? 1 : 0, classes));
    double[] odd = {117, 146, 175, 204, 233, 262, 291, 320};
    save(
        "odd-x",
        Plots.line("Evenly spaced odd x", "x", "y", odd, new double[] {1, 3, 2, 5, 4, 6, 5, 7}));
    double[] negative = new double[13];
    double[] curve = new double[13];
    for (int i = 0; i < 13; i++) {
      negative[i] = -5.3 + 0.4833 * i;
      curve[i] = Math.sin(negative[i]);
    }
    save("negative-x", Plots.line("x from -5.3 to 0.5", "x", "sin x", negative, curve));

    double[] n = {1000, 2000, 4000, 8000};
    Map<String, double[]> errors = new LinkedHashMap<>();
    errors.put("test error", new double[] {0.31, 0.25, 0.21, 0.18});
    errors.put("power-law fit", new double[] {0.305, 0.253, 0.210, 0.174});
    save(
        "log-log",
        Plots.lines(
            "Test error against training-set size",
            "training examples n",
            "test error",
            n,
            errors,
            PlotOptions.builder().logX(true).logY(true).build()));

    double[] epochs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    Map<String, double[]> train = new LinkedHashMap<>();
    Map<String, double[]> val = new LinkedHashMap<>();
    Map<String, double[]> acc = new LinkedHashMap<>();
    String[] names = {"none", "L2 1e-3", "dropout 0.5", "early stopping"};
    for (int k = 0; k < names.length; k++) {
      double[] t = new double[10];
      double[] v = new double[10];
      double[] a = new double[10];
      for (int e = 0; e < 10; e++) {
        t[e] = 0.9 * Math.exp(-0.3 * e * (1 + 0.1 * k)) + 0.02 * k;
        v[e] = 0.6 + 0.02 * (e - 4) * (e - 4) / (1 + k) + 0.01 * k;
        a[e] = 0.75 + 0.01 * e - 0.003 * k * e / 3;
      }
      train.put(names[k], t);
      val.put(names[k], v);
      acc.put(names[k], a);
    }
    PlotOptions small = PlotOptions.builder().size(480, 360).build();
    save(
        "row-of-three",
        Plots.row(
            Plots.lines("Training loss", "epoch", "loss", epochs, train, small),
            Plots.lines("Validation loss", "epoch", "loss", epochs, val, small),
            Plots.lines("Validation accuracy", "epoch", "accuracy", epochs, acc, small)));

    double[][] tiny = {{8.7e-05, 1.2e-04, 3.3e-3}, {0.25, 0.5, 12.5}};
    save(
        "heatmap-tiny",
        Plots.heatmap("Small values", tiny, List.of("a", "b"), List.of("x", "y", "z")));

    save(
        "bars-long-labels",
        Plots.bar(
            "Test accuracy on Fashion-MNIST",
            "accuracy",
            List.of(
                "hand-crafted 7×7",
                "hand-crafted 4×4",
                "raw-pixel linear",
                "MLP on edge histograms",
                "MLP",
                "LeNet"),
            new double[] {0.8106, 0.8421, 0.8390, 0.8512, 0.8757, 0.9011}));
    save(
        "bars-years",
        Plots.bar(
            "ImageNet top-5 accuracy of the winning entry (%)",
            "top-5 accuracy (%)",
            List.of("2010", "2011", "2012", "2013", "2014", "2015", "2016", "2017"),
            new double[] {71.8, 74.3, 84.7, 88.3, 93.3, 96.4, 97.0, 97.7}));

    Map<String, double[][]> descent = new LinkedHashMap<>();
    double[] ps = {25, 50, 100, 150, 190, 200, 210, 250, 400, 1000, 3000};
    double[] mse = {0.07, 0.13, 0.1, 11, 25, 3.5, 0.3, 0.1, 0.06, 0.05, 0.05};
    double[] wall = new double[12];
    double[] wallY = new double[12];
    for (int i = 0; i < 12; i++) {
      wall[i] = 200;
      wallY[i] = 0.05 * Math.pow(1.8, i);
    }
    descent.put("test MSE", new double[][] {ps, mse});
    descent.put("p = n = 200 (interpolation threshold)", new double[][] {wall, wallY});
    PlotOptions logLog = PlotOptions.builder().size(560, 400).logX(true).logY(true).build();
    save(
        "double-descent-row",
        Plots.row(
            Plots.scatter(
                "Double descent: test error peaks at p = 200",
                "number of random features p",
                "test mean squared error",
                descent,
                logLog),
            Plots.line("Norm of the fitted weights", "p", "|β|", ps, mse, logLog)));

    java.util.Random random = new java.util.Random(3);
    double[][] a = new double[2][1500];
    double[][] b = new double[2][1500];
    for (int i = 0; i < 1500; i++) {
      a[0][i] = random.nextDouble();
      a[1][i] = random.nextDouble();
      b[0][i] = random.nextDouble();
      b[1][i] = random.nextDouble();
    }
    Map<String, double[][]> cloud = new LinkedHashMap<>();
    cloud.put("a group with a long descriptive name", a);
    cloud.put("another group, also long", b);
    save("legend-below", Plots.scatter("No free corner, a wide legend", "x", "y", cloud));

    Map<String, double[][]> paths = new LinkedHashMap<>();
    for (String name : new String[] {"GD", "momentum", "Adam", "RMSProp"}) {
      double[] xs = new double[30];
      double[] ys = new double[30];
      for (int i = 0; i < 30; i++) {
        double t = Math.pow(0.85 + 0.03 * name.length() / 4.0, i);
        xs[i] = -8 * t;
        ys[i] = 2 * t * Math.cos(i * (name.length()));
      }
      paths.put(name, new double[][] {xs, ys});
    }
    save(
        "contours",
        Contours.plot(
            "Four optimisers on the bowl",
            (x, y) -> (x * x + 50 * y * y) / 2,
            new double[] {-10, 10},
            new double[] {-3, 3},
            paths));
  }
}
