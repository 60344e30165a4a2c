package io.tatra.ingest;

/** How bad a finding is: errors make data ambiguous or impossible, warnings are real but usable. */
public enum Severity { ERROR, WARNING, INFO }
