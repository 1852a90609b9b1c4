package org.dlcourse.adversarial;

import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input gradient of the loss for a single-input, single-output {@code ComputationGraph}.
 *
 * <p>M2.1's graph has no {@code calculateGradients} and clears every vertex's error after its own
 * backward pass, so this walks the vertices itself: forward in topological order, then backward in
 * reverse order, adding the errors of every consumer of a vertex (a residual block's input gets the
 * error of both branches), until the input vertex holds d(sum of losses)/dX.
 */
final class GraphBackprop {

  private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

  private final ComputationGraph graph;

  GraphBackprop(ComputationGraph graph) {
    this.graph = graph;
    if (graph.getFlattenedGradients() == null) {
      graph.initGradientsView(); // layers write parameter gradients there as a side effect
    }
  }

  INDArray lossGradient(INDArray X, INDArray y) {
    graph.setInput(0, X); // the graph's batch size, read by preprocessors
    graph.setLabels(y);
    GraphVertex[] vertices = graph.getVertices();
    int[] order = graph.topologicalSortOrder();
    forward(vertices, order, X);
    INDArray[] errors = new INDArray[vertices.length]; // d(loss)/d(output of each vertex)
    int inputIndex = -1;
    for (int k = order.length - 1; k >= 0; k--) {
      GraphVertex v = vertices[order[k]];
      if (v.isInputVertex()) {
        inputIndex = v.getVertexIndex();
        continue;
      }
      boolean hasLoss = v.isOutputVertex() && v.hasLayer() && v.getLayer() instanceof IOutputLayer;
      if (hasLoss) {
        ((IOutputLayer) v.getLayer()).setLabels(y);
      } else if (errors[v.getVertexIndex()] == null) {
        continue; // not on a path from the input to the loss
      }
      v.setEpsilon(errors[v.getVertexIndex()]);
      INDArray[] toInputs = v.doBackward(false, NO_WORKSPACES).getSecond();
      VertexIndices[] inputs = v.getInputVertices();
      for (int j = 0; j < inputs.length; j++) {
        int from = inputs[j].getVertexIndex();
        errors[from] = errors[from] == null ? toInputs[j].dup() : errors[from].addi(toInputs[j]);
      }
    }
    return errors[inputIndex];
  }

  /** Runs every vertex in topological order, handing each output to the vertices that read it. */
  private static void forward(GraphVertex[] vertices, int[] order, INDArray X) {
    for (int index : order) {
      GraphVertex v = vertices[index];
      INDArray out = v.isInputVertex() ? X : v.doForward(false, NO_WORKSPACES);
      VertexIndices[] consumers = v.getOutputVertices();
      if (consumers == null) {
        continue;
      }
      for (VertexIndices c : consumers) {
        vertices[c.getVertexIndex()].setInput(c.getVertexEdgeNumber(), out, NO_WORKSPACES);
      }
    }
  }
}
