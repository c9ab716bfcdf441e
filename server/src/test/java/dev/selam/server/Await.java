package dev.selam.server;

import java.util.function.BooleanSupplier;

/** Waits for what the service does asynchronously, failing the test after a deadline. */
final class Await {
  private Await() {}

  static void until(BooleanSupplier condition) throws InterruptedException {
    until(condition, 30);
  }

  static void until(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }
}
