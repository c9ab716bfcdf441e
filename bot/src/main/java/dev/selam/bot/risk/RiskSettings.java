package dev.selam.bot.risk;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the risk indicators come from: the files shipped in the jar, or, for a language that has
 * one there, {@code <lang>.txt} in {@code SELAM_RISK_INDICATORS} (a directory), so a deployment can
 * use reviewed changes without a new build.
 */
public record RiskSettings(Optional<Path> indicatorDirectory) {
  public static final String INDICATORS = "SELAM_RISK_INDICATORS";

  public static RiskSettings from(Settings settings) {
    Optional<Path> directory = settings.optional(INDICATORS).map(Path::of);
    if (directory.isPresent() && !Files.isDirectory(directory.get())) {
      throw new ConfigException(
          INDICATORS, "must be a directory of <lang>.txt files, got '" + directory.get() + "'");
    }
    return new RiskSettings(directory);
  }
}
