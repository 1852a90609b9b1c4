/**
 * Models: the {@code Model} type (a DL4J layer stack or computation graph behind one set of
 * operations) and one-line builders per lecture concept. MLPs and softmax regression from notebook
 * 01 ({@code 01-why-deep-learning}), optimisers in notebook 04 ({@code 04-optimizers}), deep plain,
 * batch-normalised and residual stacks in notebook 05 ({@code 05-deep-networks}), dropout and L2 in
 * notebook 06 ({@code 06-generalisation}).
 */
package org.dlcourse.models;
