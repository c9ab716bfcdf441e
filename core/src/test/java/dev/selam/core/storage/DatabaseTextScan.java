package dev.selam.core.storage;

import dev.selam.core.crypto.FieldCipher;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads every text column of every table as someone with a copy of the database would, and as
 * someone who also holds the keys: a value is found when it holds the text in clear, or when it
 * decrypts (with its column's purpose, {@code table.column}) to something holding it.
 */
public final class DatabaseTextScan {
  private static final Set<Integer> TEXT_TYPES =
      Set.of(
          Types.VARCHAR,
          Types.CHAR,
          Types.LONGVARCHAR,
          Types.CLOB,
          Types.NVARCHAR,
          Types.NCHAR,
          Types.LONGNVARCHAR,
          Types.NCLOB);

  private final TestDatabase database;
  private final FieldCipher cipher;

  public DatabaseTextScan(TestDatabase database, FieldCipher cipher) {
    this.database = database;
    this.cipher = cipher;
  }

  /** Where {@code needle} was found, as {@code table.column (clear|decrypted)}. */
  public List<String> find(String needle) throws SQLException {
    List<String> found = new ArrayList<>();
    String wanted = needle.toLowerCase(Locale.ROOT);
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      for (Map.Entry<String, List<String>> table : textColumns(c).entrySet()) {
        for (String column : table.getValue()) {
          String purpose = (table.getKey() + "." + column).toLowerCase(Locale.ROOT);
          try (ResultSet rs =
              s.executeQuery(
                  "SELECT " + column + " FROM " + table.getKey() + " WHERE " + column + " <> ''")) {
            while (rs.next()) {
              String value = rs.getString(1);
              if (value.toLowerCase(Locale.ROOT).contains(wanted)) {
                found.add(purpose + " (clear)");
              } else if (decrypted(value, purpose).toLowerCase(Locale.ROOT).contains(wanted)) {
                found.add(purpose + " (decrypted)");
              }
            }
          }
        }
      }
    }
    return found;
  }

  /** Every text column of every table in the test's schema, by table. */
  public static Map<String, List<String>> textColumns(Connection c) throws SQLException {
    Map<String, List<String>> columns = new LinkedHashMap<>();
    DatabaseMetaData meta = c.getMetaData();
    try (ResultSet rs = meta.getColumns(null, c.getSchema(), "%", "%")) {
      while (rs.next()) {
        if (TEXT_TYPES.contains(rs.getInt("DATA_TYPE"))) {
          columns
              .computeIfAbsent(rs.getString("TABLE_NAME"), t -> new ArrayList<>())
              .add(rs.getString("COLUMN_NAME"));
        }
      }
    }
    if (columns.isEmpty()) {
      throw new IllegalStateException("no text column found in schema " + c.getSchema());
    }
    return columns;
  }

  private String decrypted(String value, String purpose) {
    try {
      return cipher.decrypt(value, purpose);
    } catch (RuntimeException notOurs) {
      return "";
    }
  }
}
