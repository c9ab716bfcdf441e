package dev.selam.console.operator;

import dev.selam.core.escalation.Escalation;
import dev.selam.core.escalation.EscalationStatus;
import dev.selam.core.escalation.EscalationStore;
import dev.selam.core.identity.Role;
import dev.selam.core.identity.StaffAccount;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Who may read a conversation: the operator holding its escalation, every operator while it waits
 * in the queue (any of them may take it), and supervisors. Nobody else, and in particular never
 * another operator once one holds it: for them the conversation does not exist (404).
 */
public final class ConversationAccess {
  private final EscalationStore escalations;

  public ConversationAccess(EscalationStore escalations) {
    this.escalations = escalations;
  }

  /** What the caller may do with a conversation, and its open escalation if it has one. */
  public record Grant(boolean read, boolean holder, Optional<Escalation> escalation) {
    static final Grant NONE = new Grant(false, false, Optional.empty());
  }

  public Future<Grant> of(StaffAccount staff, String conversationId) {
    return escalations.openFor(conversationId).map(open -> decide(staff, open));
  }

  static Grant decide(StaffAccount staff, Optional<Escalation> open) {
    boolean holder =
        open.filter(e -> e.status() == EscalationStatus.CLAIMED)
            .flatMap(Escalation::operatorId)
            .filter(staff.id()::equals)
            .isPresent();
    boolean waiting =
        open.filter(e -> e.status() == EscalationStatus.WAITING).isPresent()
            && staff.roles().contains(Role.OPERATOR);
    boolean supervisor = staff.roles().contains(Role.SUPERVISOR);
    if (holder || waiting || supervisor) {
      return new Grant(true, holder, open);
    }
    return Grant.NONE;
  }

  /** Whether a live event about this escalation's conversation may reach this staff member. */
  public static boolean mayWatch(StaffAccount staff, Optional<Escalation> open) {
    return decide(staff, open).read();
  }
}
