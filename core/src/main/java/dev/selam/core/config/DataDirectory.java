package dev.selam.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the service keeps local state: the embedded database, the key file, the search index. */
public record DataDirectory(Path path) {
  public static final String SETTING = "SELAM_DATA_DIR";

  public static DataDirectory from(Settings settings) {
    Path path = Path.of(settings.string(SETTING, "./data")).toAbsolutePath().normalize();
    try {
      if (!Files.exists(path)) {
        Files.createDirectories(path);
        restrictToOwner(path);
      }
    } catch (IOException e) {
      throw new ConfigException(SETTING, "cannot create directory " + path + " (" + e + ")");
    }
    if (!Files.isWritable(path)) {
      throw new ConfigException(SETTING, path + " is not writable");
    }
    return new DataDirectory(path);
  }

  /** The database and keys live here: nobody but the service's user needs to read them. */
  private static void restrictToOwner(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: rely on the host's defaults
    }
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }
}
