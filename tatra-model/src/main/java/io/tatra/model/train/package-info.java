/**
 * Training: windows as batches (Samples), multi-task training with loss balancing (EW, UW, DWA, GradNorm) and PCGrad, early stopping, head training on a frozen encoder, batched inference.
 */
package io.tatra.model.train;
