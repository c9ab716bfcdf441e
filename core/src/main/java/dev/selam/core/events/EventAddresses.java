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

  /**
   * A message was stored in a conversation that a person on the staff side may be watching (one
   * with an escalation, waiting or claimed), in either direction: {@code conversationId}, {@code
   * messageId}, {@code direction} (in, out), {@code author} (person, bot, operator), {@code kind}.
   */
  public static final String CONVERSATION_MESSAGE = "selam.conversation.message";

  /**
   * The outbox delivered or gave up on a message: {@code conversationId}, {@code messageId}, {@code
   * state} (sent, failed, unreachable). Lets an operator see whether a reply arrived.
   */
  public static final String DELIVERY_CHANGED = "selam.outbox.delivery";

  /** The person erased their conversation: consoles drop what they show of it. */
  public static final String CONVERSATION_ERASED = "selam.conversation.erased";

  private EventAddresses() {}
}
