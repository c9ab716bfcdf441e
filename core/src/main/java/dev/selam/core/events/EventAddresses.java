package dev.selam.core.events;

/**
 * Event bus addresses. Payloads are JSON objects that never carry message text: listeners that need
 * it read it through the store, where access is checked and audited.
 */
public final class EventAddresses {
  /** An escalation entered the queue. */
  public static final String ESCALATION_OPENED = "selam.escalation.opened";

  /** An open escalation got a higher level or score: it may move up the queue. */
  public static final String ESCALATION_RAISED = "selam.escalation.raised";

  /** An operator took an escalation: it leaves the other operators' queues. */
  public static final String ESCALATION_CLAIMED = "selam.escalation.claimed";

  /** An operator gave an escalation back: it is waiting again, in its old place. */
  public static final String ESCALATION_RELEASED = "selam.escalation.released";

  /** An operator handed an escalation to another operator. */
  public static final String ESCALATION_TRANSFERRED = "selam.escalation.transferred";

  /** An escalation was closed with an outcome. */
  public static final String ESCALATION_CLOSED = "selam.escalation.closed";

  private EventAddresses() {}
}
