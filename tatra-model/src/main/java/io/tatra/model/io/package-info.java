/**
 * Saving and loading models with their card (provenance: data ranges, split, schema hash, versions); a schema mismatch is refused with a clear message.
 */
package io.tatra.model.io;
