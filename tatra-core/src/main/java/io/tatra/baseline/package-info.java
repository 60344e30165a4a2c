/**
 * Classical baselines as evaluation contenders, fitted on training windows only: GARCH(1,1), HAR-RV, logistic and ridge regression, Gaussian HMM, class prior, zero and mean return, last-return sign; with their small numerical solvers. Imports dataset, features, labels, market, forecast.
 */
package io.tatra.baseline;
