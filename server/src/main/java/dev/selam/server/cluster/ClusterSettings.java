package dev.selam.server.cluster;

import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this instance is one of several: {@code none} (the default, one process) or {@code
 * hazelcast} (a clustered event bus; members found by a fixed list or Kubernetes DNS).
 *
 * @param host the address this member binds and tells the others (a pod's IP in Kubernetes)
 * @param port Hazelcast's member port
 * @param busPort the clustered event bus' own port (0 picks a free one)
 * @param members {@code host:port} of members to join over TCP/IP (tests, fixed hosts)
 * @param kubernetesServiceDns the headless Service whose DNS name lists the members
 */
public record ClusterSettings(
    Mode mode,
    String host,
    int port,
    int busPort,
    List<String> members,
    Optional<String> kubernetesServiceDns) {
  public static final String MODE = "SELAM_CLUSTER";
  public static final String HOST = "SELAM_CLUSTER_HOST";
  public static final String PORT = "SELAM_CLUSTER_PORT";
  public static final String BUS_PORT = "SELAM_CLUSTER_BUS_PORT";
  public static final String MEMBERS = "SELAM_CLUSTER_MEMBERS";
  public static final String KUBERNETES_SERVICE_DNS = "SELAM_CLUSTER_KUBERNETES_SERVICE_DNS";

  public enum Mode {
    NONE,
    HAZELCAST
  }

  public static ClusterSettings from(Settings settings) {
    Mode mode =
        switch (settings.string(MODE, "none").toLowerCase(Locale.ROOT)) {
          case "none" -> Mode.NONE;
          case "hazelcast" -> Mode.HAZELCAST;
          default -> throw new ConfigException(MODE, "must be none or hazelcast");
        };
    String host = settings.string(HOST, "127.0.0.1");
    int port = settings.integer(PORT, 5701, 1, 65535);
    int busPort = settings.integer(BUS_PORT, 5702, 0, 65535);
    List<String> members =
        settings
            .optional(MEMBERS)
            .map(raw -> Arrays.stream(raw.split(",")).map(String::trim))
            .map(s -> s.filter(m -> !m.isEmpty()).toList())
            .orElse(List.of());
    for (String member : members) {
      if (!member.matches("[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
        throw new ConfigException(MEMBERS, "must be host:port entries separated by commas");
      }
    }
    Optional<String> dns = settings.optional(KUBERNETES_SERVICE_DNS);
    if (mode == Mode.HAZELCAST && members.isEmpty() && dns.isEmpty()) {
      throw new ConfigException(
          MODE,
          "hazelcast needs " + MEMBERS + " or " + KUBERNETES_SERVICE_DNS + " to find the others");
    }
    return new ClusterSettings(mode, host, port, busPort, members, dns);
  }

  public boolean clustered() {
    return mode == Mode.HAZELCAST;
  }
}
