package dev.selam.core.config;

/** A setting is missing or wrong; the message names the setting so an admin can fix it. */
public final class ConfigException extends RuntimeException {
  private final String setting;

  public ConfigException(String setting, String problem) {
    super(setting + ": " + problem);
    this.setting = setting;
  }

  public String setting() {
    return setting;
  }
}
