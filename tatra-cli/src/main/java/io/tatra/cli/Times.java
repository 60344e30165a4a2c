package io.tatra.cli;

import picocli.CommandLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses --from / --to: 2021-01-01, 2021-01-01T10:00, or 2021-01-01T10:00:00Z (UTC unless a zone is given). */
final class Times implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // try the shorter forms
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try a date
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a time; use 2021-01-01, 2021-01-01T10:00 or 2021-01-01T10:00:00Z (UTC)");
        }
    }
}
