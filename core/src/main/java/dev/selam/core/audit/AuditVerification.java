package dev.selam.core.audit;

import java.util.OptionalLong;

/**
 * The outcome of walking the chain: intact, or the first event whose link is broken and why.
 *
 * @param checked how many events were checked before the end or the first break
 */
public record AuditVerification(
    boolean intact, long checked, OptionalLong firstBrokenSeq, String problem) {

  static AuditVerification intact(long checked) {
    return new AuditVerification(true, checked, OptionalLong.empty(), null);
  }

  static AuditVerification broken(long checked, long seq, String problem) {
    return new AuditVerification(false, checked, OptionalLong.of(seq), problem);
  }
}
