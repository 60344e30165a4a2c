/**
 * The DJL model: the universal encoder with named task heads (TatraModel). Everything under io.tatra.model is the only place DJL is imported; core never sees it.
 */
package io.tatra.model;
