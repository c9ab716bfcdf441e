package dev.selam.core.identity;

import java.time.Instant;

/** How a sign-in attempt ended. A refusal never says which part was wrong. */
public sealed interface SignInOutcome {
  record SignedIn(StaffAccount account) implements SignInOutcome {}

  record Refused() implements SignInOutcome {}

  record LockedOut(Instant until) implements SignInOutcome {}
}
