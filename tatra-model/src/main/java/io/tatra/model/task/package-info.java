/**
 * Trainable tasks: label source, kind with its DJL loss and target transform, the registry of built-in tasks. The engine-neutral view of a task is io.tatra.forecast.TaskSpec.
 */
package io.tatra.model.task;
