/**
 * Windows for learning: per-symbol features and labels, purged and embargoed folds (walk-forward, rolling, CPCV, hold-out, final), normalization fitted on training rows only, the leakage audit and the on-disk dataset. Imports market, ingest, features, labels.
 */
package io.tatra.dataset;
