package io.tatra.dataset;

/** One leakage or integrity check of a dataset: its name, whether it passed, and what it found. */
public record AuditCheck(String name, boolean passed, String detail) {}
