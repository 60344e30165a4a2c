/**
 * Network building blocks on DJL: attention, encoder and head blocks, model sizes, and the PyTorch thread and seed settings (Torch). Imports DJL only.
 */
package io.tatra.model.nn;
