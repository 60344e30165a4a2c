/**
 * Meta-labelling (López de Prado, ch. 3; design document 003's "train_meta_label"): a primary model decides the side,
 * a secondary model predicts whether that trade wins. {@link io.tatra.meta.MetaLabels} joins decision and outcome
 * journals on the decision id into {@link io.tatra.meta.MetaExample}s; {@link io.tatra.meta.MetaSplit} cuts them in
 * time with purge and embargo so no outcome is used before it closed; {@link io.tatra.meta.DataSufficiency} refuses
 * to train on too few of them. The model itself lives in an engine module (LightGBM).
 */
package io.tatra.meta;
