package dev.selam.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import dev.selam.core.config.ConfigException;
import dev.selam.core.config.Settings;
import dev.selam.core.storage.DatabaseSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  private static final DatabaseSettings H2 = DatabaseSettings.of("jdbc:h2:mem:x", "", "", 1);
  private static final DatabaseSettings POSTGRES =
      DatabaseSettings.of("jdbc:postgresql://127.0.0.1:5432/selam", "selam", "pw", 1);

  @Test
  void aSingleInstanceIsTheDefault() {
    ClusterSettings cluster = ClusterSettings.from(Settings.of(Map.of()));

    assertThat(cluster.clustered()).isFalse();
    ClusterWiring.check(cluster, H2); // the embedded default needs nothing else
  }

  @Test
  void aClusterOverTheEmbeddedDatabaseIsRefusedNamingTheSetting() {
    ClusterSettings cluster =
        ClusterSettings.from(
            Settings.of(
                Map.of("SELAM_CLUSTER", "hazelcast", "SELAM_CLUSTER_MEMBERS", "10.0.0.1:5701")));

    assertThatThrownBy(() -> ClusterWiring.check(cluster, H2))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ClusterSettings.MODE);
    ClusterWiring.check(cluster, POSTGRES);
  }

  @Test
  void aClusterWithoutAWayToFindMembersOrWithAMangledMemberIsRefused() {
    assertThatThrownBy(
            () -> ClusterSettings.from(Settings.of(Map.of("SELAM_CLUSTER", "hazelcast"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ClusterSettings.MEMBERS);
    assertThatThrownBy(
            () ->
                ClusterSettings.from(
                    Settings.of(
                        Map.of(
                            "SELAM_CLUSTER", "hazelcast",
                            "SELAM_CLUSTER_MEMBERS", "10.0.0.1:5701;rm -rf"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ClusterSettings.MEMBERS);
    assertThatThrownBy(
            () -> ClusterSettings.from(Settings.of(Map.of("SELAM_CLUSTER", "zookeeper"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ClusterSettings.MODE);
  }

  @Test
  void kubernetesDiscoveryUsesDnsAndNothingLeavesButMemberTraffic() {
    ClusterSettings cluster =
        ClusterSettings.from(
            Settings.of(
                Map.of(
                    "SELAM_CLUSTER", "hazelcast",
                    "SELAM_CLUSTER_HOST", "10.1.2.3",
                    "SELAM_CLUSTER_KUBERNETES_SERVICE_DNS",
                        "selam-hazelcast.selam.svc.cluster.local")));

    Config config = ClusterWiring.hazelcast(cluster);

    var join = config.getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns"))
        .isEqualTo("selam-hazelcast.selam.svc.cluster.local");
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5701);
    assertThat(config.getMultiMapConfigs()).containsKey("__vertx.subs"); // Vert.x's own maps kept
  }

  @Test
  void loopbackMembersJoinOverTcpIp() {
    ClusterSettings cluster =
        ClusterSettings.from(
            Settings.of(
                Map.of(
                    "SELAM_CLUSTER", "hazelcast",
                    "SELAM_CLUSTER_PORT", "5801",
                    "SELAM_CLUSTER_MEMBERS", "127.0.0.1:5801, 127.0.0.1:5802")));

    Config config = ClusterWiring.hazelcast(cluster);

    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .isEqualTo(List.of("127.0.0.1:5801", "127.0.0.1:5802"));
    assertThat(config.getNetworkConfig().getJoin().getKubernetesConfig().isEnabled()).isFalse();
  }
}
