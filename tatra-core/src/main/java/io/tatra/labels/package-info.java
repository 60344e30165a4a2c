/**
 * Labels of each bar from the bars after it (direction, volatility, regime by trend scanning, return, triple barrier), with their lookahead. Imports market only.
 */
package io.tatra.labels;
