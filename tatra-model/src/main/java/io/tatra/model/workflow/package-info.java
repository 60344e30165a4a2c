/**
 * Training workflows shared by the CLI, the app services and the evaluation: pre-train, train (unified, specialist, final or fold split), add a head.
 */
package io.tatra.model.workflow;
