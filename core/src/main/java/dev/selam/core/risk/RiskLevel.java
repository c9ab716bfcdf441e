package dev.selam.core.risk;

import java.util.Locale;

/**
 * How urgently a conversation needs a person, shared by the bot's risk assessment, the conversation
 * record and the escalation queue (which ranks by it).
 */
public enum RiskLevel {
  NONE,
  MEDIUM,
  HIGH;

  /** The lower-case name used in storage, events and eval files: none, medium, high. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RiskLevel parse(String id) {
    try {
      return valueOf(id.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown risk level '" + id + "' (none, medium, high)");
    }
  }

  public boolean atLeast(RiskLevel other) {
    return compareTo(other) >= 0;
  }

  public static RiskLevel max(RiskLevel a, RiskLevel b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** One step down: what a general question about a sensitive topic is worth. */
  public RiskLevel lower() {
    return this == NONE ? NONE : values()[ordinal() - 1];
  }
}
