/**
 * Label-free pre-training of the encoder: masked steps, contrastive views and temporal order.
 */
package io.tatra.model.pretrain;
