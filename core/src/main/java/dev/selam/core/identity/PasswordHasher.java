package dev.selam.core.identity;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Argon2id password hashes (password4j) in the PHC string format, which carries its own salt and
 * parameters so they can be raised later without breaking stored hashes. Hashing is deliberately
 * slow and memory-hard, so it always runs on worker threads, never on the event loop.
 */
public final class PasswordHasher {
  /** OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1. */
  static final int MEMORY_KIB = 19 * 1024;

  static final int ITERATIONS = 2;
  static final int PARALLELISM = 1;
  static final int HASH_BYTES = 32;
  static final int SALT_BYTES = 16;

  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(
          MEMORY_KIB,
          ITERATIONS,
          PARALLELISM,
          HASH_BYTES,
          Argon2.ID,
          Argon2Function.ARGON2_VERSION_13);

  private final Vertx vertx;
  private volatile String decoy;

  public PasswordHasher(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> hashNow(password), false);
  }

  /** False for a wrong password and for a hash this hasher cannot read. */
  public Future<Boolean> verify(String password, String hash) {
    return vertx.executeBlocking(() -> verifyNow(password, hash), false);
  }

  /**
   * Spends the time of a real check when there is no hash to check against (unknown username), so
   * the answer's timing does not tell which usernames exist.
   */
  public Future<Boolean> verifyAgainstDecoy(String password) {
    return vertx.executeBlocking(
        () -> {
          String hash = decoy;
          if (hash == null) {
            hash = hashNow("decoy-" + System.nanoTime());
            decoy = hash;
          }
          verifyNow(password, hash);
          return false;
        },
        false);
  }

  static String hashNow(String password) {
    return Password.hash(password).addRandomSalt(SALT_BYTES).with(ARGON2ID).getResult();
  }

  static boolean verifyNow(String password, String hash) {
    if (hash == null || !hash.startsWith("$argon2")) {
      return false;
    }
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return false; // a damaged hash never signs anyone in
    }
  }
}
