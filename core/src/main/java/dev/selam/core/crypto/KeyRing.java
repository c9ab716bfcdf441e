package dev.selam.core.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data keys in use. The first key encrypts new values; every key still decrypts the values
 * written with it, so a key is rotated by putting a new one first and re-encrypting at leisure.
 */
public final class KeyRing {
  private final List<DataKey> keys;
  private final Map<String, DataKey> byId = new LinkedHashMap<>();

  public KeyRing(List<DataKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one data key is needed");
    }
    this.keys = List.copyOf(keys);
    for (DataKey key : keys) {
      if (byId.put(key.id(), key) != null) {
        throw new IllegalArgumentException("key id " + key.id() + " appears twice");
      }
    }
  }

  /** Parses {@code id:base64key,id:base64key}, newest (active) first. */
  public static KeyRing parse(String spec) {
    List<DataKey> keys =
        java.util.Arrays.stream(spec.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(KeyRing::parseKey)
            .toList();
    return new KeyRing(keys);
  }

  private static DataKey parseKey(String entry) {
    int colon = entry.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("each key must be written id:base64key");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "key " + entry.substring(0, colon) + " is not valid base64", e);
    }
    return DataKey.of(entry.substring(0, colon).trim(), raw);
  }

  public DataKey active() {
    return keys.get(0);
  }

  public Optional<DataKey> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<DataKey> keys() {
    return keys;
  }
}
