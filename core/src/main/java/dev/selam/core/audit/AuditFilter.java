package dev.selam.core.audit;

import java.util.List;

/**
 * Which events a page of the audit log shows: by who acted (exactly), by action (exactly, or every
 * action starting with it: {@code staff} or {@code staff.} gives every staff event) and by target
 * (exactly). A null field does not filter.
 */
public record AuditFilter(String actor, String action, String target) {
  public static final AuditFilter ALL = new AuditFilter(null, null, null);

  /** The SQL condition, {@code seq < ?} first, and its arguments after {@code before}. */
  String where(long before, List<Object> arguments) {
    StringBuilder where = new StringBuilder("seq < ?");
    arguments.add(before);
    if (actor != null) {
      where.append(" AND actor = ?");
      arguments.add(actor);
    }
    if (action != null) {
      where.append(" AND (action = ? OR action LIKE ? ESCAPE '!')");
      arguments.add(action);
      arguments.add(likePrefix(action.endsWith(".") ? action : action + "."));
    }
    if (target != null) {
      where.append(" AND target = ?");
      arguments.add(target);
    }
    return where.toString();
  }

  /** {@code value%}, with LIKE's own characters in {@code value} taken literally. */
  private static String likePrefix(String value) {
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }
}
