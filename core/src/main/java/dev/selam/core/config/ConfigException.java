package dev.selam.core.config;

/** A setting is missing or wrong; the message names the setting so an admin can fix it. */
public final class ConfigException extends RuntimeException {
  private final String setting;
  private final String problem;

  public ConfigException(String setting, String problem) {
    super(setting + ": " + problem);
    this.setting = setting;
    this.problem = problem;
  }

  /** What is wrong, without the setting's name. */
  public String problem() {
    return problem;
  }

  public String setting() {
    return setting;
  }
}
