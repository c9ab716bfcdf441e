package dev.selam.core.escalation;

import java.util.Locale;

/** Where an escalation is: in the queue, with an operator, or done. */
public enum EscalationStatus {
  WAITING,
  CLAIMED,
  CLOSED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static EscalationStatus parse(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
