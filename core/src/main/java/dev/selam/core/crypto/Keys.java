package dev.selam.core.crypto;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.DataDirectory;
import dev.selam.core.config.Settings;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of this deployment: data keys for field encryption and the pseudonym key. Production
 * (PostgreSQL) takes them from the environment or a Secret and refuses to start without them; the
 * embedded default creates a key file in the data directory so a first run just works.
 */
public record Keys(KeyRing dataKeys, byte[] pseudonymKey) {
  public static final String DATA_KEYS = "SELAM_DATA_KEYS";
  public static final String PSEUDONYM_KEY = "SELAM_PSEUDONYM_KEY";
  static final String KEY_FILE = "keys.properties";

  private static final Logger log = LoggerFactory.getLogger(Keys.class);

  public FieldCipher cipher() {
    return new FieldCipher(dataKeys);
  }

  public Pseudonymizer pseudonymizer() {
    return new Pseudonymizer(pseudonymKey);
  }

  /**
   * Reads the configured keys. {@code generateIfMissing} is the embedded default's privilege: with
   * PostgreSQL, missing keys are a configuration error.
   */
  public static Keys from(Settings settings, DataDirectory dataDir, boolean generateIfMissing) {
    Optional<KeyRing> dataKeys = settings.optional(DATA_KEYS).map(Keys::parseDataKeys);
    Optional<byte[]> pseudonymKey = settings.optional(PSEUDONYM_KEY).map(Keys::parsePseudonymKey);
    if (dataKeys.isPresent() && pseudonymKey.isPresent()) {
      return new Keys(dataKeys.get(), pseudonymKey.get());
    }
    if (!generateIfMissing) {
      String missing = dataKeys.isEmpty() ? DATA_KEYS : PSEUDONYM_KEY;
      throw new ConfigException(
          missing, "is required with PostgreSQL (generate one with: selam admin generate-keys)");
    }
    Keys fromFile = loadOrCreateKeyFile(dataDir.resolve(KEY_FILE));
    return new Keys(dataKeys.orElse(fromFile.dataKeys), pseudonymKey.orElse(fromFile.pseudonymKey));
  }

  private static KeyRing parseDataKeys(String spec) {
    try {
      return KeyRing.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DATA_KEYS, e.getMessage() + " (format: id:base64key,id:base64key)");
    }
  }

  private static byte[] parsePseudonymKey(String base64) {
    try {
      byte[] key = Base64.getDecoder().decode(base64);
      if (key.length < 32) {
        throw new ConfigException(PSEUDONYM_KEY, "must be at least 32 bytes, base64");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PSEUDONYM_KEY, "is not valid base64");
    }
  }

  /** Lines for a new key set in the environment's format: what generate-keys prints. */
  public static String newEnvironmentLines(String keyId) {
    return DATA_KEYS
        + "="
        + keyId
        + ":"
        + randomBase64()
        + "\n"
        + PSEUDONYM_KEY
        + "="
        + randomBase64();
  }

  static String randomBase64() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  private static Keys loadOrCreateKeyFile(Path file) {
    if (!Files.exists(file)) {
      createKeyFile(file);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException(DATA_KEYS, "cannot read key file " + file + " (" + e + ")");
    }
    log.atWarn()
        .addKeyValue("event", "keys.development_key_file")
        .addKeyValue("file", file)
        .log(
            "Using the generated key file in the data directory: fine for one machine, but set "
                + DATA_KEYS
                + " and "
                + PSEUDONYM_KEY
                + " from a secret store in production, and back this file up with the data.");
    try {
      return new Keys(
          KeyRing.parse(properties.getProperty("data.keys", "")),
          Base64.getDecoder().decode(properties.getProperty("pseudonym.key", "")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(DATA_KEYS, "key file " + file + " is damaged: " + e.getMessage());
    }
  }

  private static void createKeyFile(Path file) {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      return; // another process created it first: use theirs
    } catch (UnsupportedOperationException e) {
      createWithoutPosix(file);
    } catch (IOException e) {
      throw new ConfigException(DATA_KEYS, "cannot create key file " + file + " (" + e + ")");
    }
    try (Writer writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
      writer.write(
          "# Selam data keys, generated on first start. Keep secret; back up with the data.\n");
      writer.write("data.keys=dev1:" + randomBase64() + "\n");
      writer.write("pseudonym.key=" + randomBase64() + "\n");
    } catch (IOException e) {
      throw new ConfigException(DATA_KEYS, "cannot write key file " + file + " (" + e + ")");
    }
  }

  private static void createWithoutPosix(Path file) {
    try {
      Files.createFile(file);
    } catch (IOException e) {
      throw new ConfigException(DATA_KEYS, "cannot create key file " + file + " (" + e + ")");
    }
  }
}
