package dev.selam.core.identity;

import dev.selam.core.config.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands a one-time password to whoever can read the data directory: a file only the service's user
 * can read (mode 600). The log and the console say where it is, never what it says.
 */
public final class OneTimePasswordFile {
  private OneTimePasswordFile() {}

  public static Path pathFor(DataDirectory dataDir, String username) {
    return dataDir.resolve("one-time-password-" + username + ".txt");
  }

  /** Writes (or replaces) the file for {@code username}; blocking: call from a worker. */
  public static Path write(DataDirectory dataDir, String username, String password) {
    Path file = pathFor(dataDir, username);
    try {
      Files.deleteIfExists(file);
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system: rely on the data directory's rights
      }
      Files.writeString(
          file,
          "# One-time password for the Selam console account '"
              + username
              + "'.\n"
              + "# Sign in with it, then choose your own password: this one stops working then.\n"
              + "# Delete this file once you have signed in.\n"
              + "username="
              + username
              + "\npassword="
              + password
              + "\n",
          StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
