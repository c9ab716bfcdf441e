package dev.selam.core.cluster;

/**
 * The right to do the work exactly one instance may do at a time: Telegram's long polling, sending
 * the outbox (one sender keeps Telegram's per-bot limit), periodic jobs. A single instance always
 * holds it; among replicas, one holds it and another takes it over when the holder dies.
 */
public interface Lease extends AutoCloseable {
  /** True while this instance holds the lease. */
  boolean held();

  /**
   * Runs {@code gained} each time this instance comes to hold the lease (at once if it holds it
   * now) and {@code lost} each time it stops holding it. Callbacks run on the caller's context.
   */
  void whileHeld(Runnable gained, Runnable lost);

  @Override
  void close();

  /** The lease of a single instance: held from start to end. */
  static Lease always() {
    return new Lease() {
      @Override
      public boolean held() {
        return true;
      }

      @Override
      public void whileHeld(Runnable gained, Runnable lost) {
        gained.run();
      }

      @Override
      public void close() {}
    };
  }
}
