package dev.selam.core.storage;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps between Java and {@code TIMESTAMP WITH TIME ZONE} columns, the same on H2 and
 * PostgreSQL: written as UTC offsets, read back as instants, at millisecond precision so a value
 * read back equals the value written (the audit chain hashes it).
 */
public final class SqlTime {
  private SqlTime() {}

  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(Row row, String column) {
    Object value = row.getValue(column);
    return switch (value) {
      case null -> null;
      case OffsetDateTime odt -> odt.toInstant();
      case Instant i -> i;
      case LocalDateTime ldt -> ldt.toInstant(ZoneOffset.UTC);
      case java.sql.Timestamp ts -> ts.toInstant();
      default ->
          throw new IllegalStateException(
              "column " + column + " is not a timestamp: " + value.getClass().getName());
    };
  }
}
